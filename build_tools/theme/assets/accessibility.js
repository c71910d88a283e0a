// Material 9.x renders its search overlay as role="dialog" without an accessible name
// (axe: aria-dialog-name). Name it after its own search field's label.
(function () {
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var input = dialog && dialog.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();
