// Controls both pages build the same way.
const PageControls = (() => {
  /** A list item saying {@code text}, with a "remove" button that calls {@code onRemove}. */
  function removableItem(text, title, onRemove) {
    const item = document.createElement('li');
    item.append(text + ' ');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = 'remove';
    remove.title = title;
    remove.addEventListener('click', onRemove);
    item.append(remove);
    return item;
  }

  return {removableItem};
})();
