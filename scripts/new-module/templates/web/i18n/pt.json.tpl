{
  "__id__.title": "Itens",
  "__id__.name": "Nome",
  "__id__.name.hint": "Dois nomes que diferem apenas em maiúsculas, acentos ou espaços são o mesmo item.",
  "__id__.name.required": "Escreva o nome do item.",
  "__id__.create": "Criar o item",
  "__id__.created": "O item «{name}» foi criado.",
  "__id__.createdAt": "Criado",
  "__id__.empty": "Ainda não há itens."
}
