{
  "__id__.title": "Elementos",
  "__id__.name": "Nombre",
  "__id__.name.hint": "Dos nombres que solo difieren en mayúsculas, acentos o espacios son el mismo elemento.",
  "__id__.name.required": "Escriba el nombre del elemento.",
  "__id__.create": "Crear el elemento",
  "__id__.created": "Se creó el elemento «{name}».",
  "__id__.createdAt": "Creado",
  "__id__.empty": "Todavía no hay elementos."
}
