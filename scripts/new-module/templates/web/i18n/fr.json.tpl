{
  "__id__.title": "Éléments",
  "__id__.name": "Nom",
  "__id__.name.hint": "Deux noms qui ne diffèrent que par la casse, les accents ou les espaces désignent le même élément.",
  "__id__.name.required": "Saisissez le nom de l'élément.",
  "__id__.create": "Créer l'élément",
  "__id__.created": "L'élément « {name} » a été créé.",
  "__id__.createdAt": "Créé",
  "__id__.empty": "Il n'y a encore aucun élément."
}
