{
  "__id__.title": "Items",
  "__id__.name": "Name",
  "__id__.name.hint": "Two names that differ only in case, accents or spaces are the same item.",
  "__id__.name.required": "Enter the item's name.",
  "__id__.create": "Create the item",
  "__id__.created": "The item \"{name}\" was created.",
  "__id__.createdAt": "Created",
  "__id__.empty": "There are no items yet."
}
