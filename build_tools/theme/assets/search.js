// The published site's search (build_tools/theme/overrides/partials/pagefind-search.html): loads
// Pagefind's component UI from the site's own pagefind/ folder when a reader reaches for search
// (points at, focuses or taps the button, or presses a shortcut), then opens its dialog on a click or
// shortcut. Reading a page without going near search fetches nothing for it.
(function () {
  var box = document.querySelector(".dpb-search[data-pagefind-bundle]");
  var button = box && box.querySelector(".dpb-search__button");
  if (!button) return;
  var bundle = new URL(box.getAttribute("data-pagefind-bundle"), document.baseURI).href;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (!document.querySelector("link[data-dpb-search]")) {
          var style = document.createElement("link");
          style.rel = "stylesheet";
          style.href = bundle + "pagefind-component-ui.css";
          style.setAttribute("data-dpb-search", "");
          document.head.appendChild(style);
        }
        var script = document.createElement("script");
        script.type = "module";
        script.src = bundle + "pagefind-component-ui.js";
        script.onload = resolve;
        script.onerror = function () { loading = null; reject(new Error("search could not be loaded")); };
        document.head.appendChild(script);
      }).then(function () { return customElements.whenDefined("pagefind-modal"); });
    }
    return loading;
  }

  // Opens the dialog; with a query, searches for it at once, as if the reader had typed it.
  function open(query) {
    button.setAttribute("aria-busy", "true");
    load().then(function () {
      button.removeAttribute("aria-busy");
      box.querySelector("pagefind-modal").open();
      var input = typeof query === "string" && box.querySelector("pagefind-input input");
      if (input) {
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }, function () {
      button.removeAttribute("aria-busy");
    });
  }

  // The words of an address's last part that holds a letter ("imf-review-2024.html" -> "imf review 2024").
  function addressWords(path) {
    var parts = path.split("/").filter(function (part) { return part && !/^index\.html?$/i.test(part); });
    for (var i = parts.length - 1; i >= 0; i--) {
      var part = parts[i];
      try { part = decodeURIComponent(part); } catch (error) { /* a stray "%": keep it as written */ }
      part = part.replace(/\.(html?|md)$/i, "").replace(/[-_+.~]+/g, " ").replace(/\s+/g, " ").trim();
      if (/\p{L}/u.test(part)) return part.slice(0, 80).trim();
    }
    return "";
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // Pagefind's filter dropdown gives its combobox button no accessible name (axe: button-name), so a
  // screen reader announced only "combobox": name it after the label it shows ("Show").
  function nameFilters() {
    box.querySelectorAll(".pf-dropdown-trigger:not([aria-label])").forEach(function (trigger) {
      var label = trigger.querySelector(".pf-dropdown-trigger-label");
      trigger.setAttribute("aria-label", (label ? label.textContent.trim() : "Filter") + " only these kinds of page");
    });
  }
  new MutationObserver(nameFilters).observe(box, { childList: true, subtree: true });

  // Pagefind's dialog takes Escape before its parts see it (a capturing listener on the <dialog>), so
  // Escape closed the whole dialog from an open "Show" list, and from a filled search box, whose key
  // hint says "esc clear". The box holds the dialog, so a capturing listener here hears the key first:
  // Escape closes an open list, then empties the search box, and only then closes the dialog.
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var list = Array.prototype.find.call(box.querySelectorAll("pagefind-filter-dropdown"), function (dropdown) {
      return dropdown.isOpen;
    });
    var input = event.target.closest && event.target.closest("pagefind-input") ? event.target : null;
    var clear = input && input.value && box.querySelector("pagefind-input .pf-input-clear");
    if (list && typeof list.close === "function") list.close();
    else if (clear) clear.click();  // what Pagefind's own Escape in the box does
    else return;
    event.preventDefault();
    event.stopPropagation();
  }, true);

  // The dialog's reset-on-close empties the search box; a kind chosen under "Show" stayed chosen, so a
  // reader opening search again found only that kind without having asked. Closing clears it too.
  box.addEventListener("close", function () {
    box.querySelectorAll("pagefind-filter-dropdown").forEach(function (dropdown) {
      if (typeof dropdown.clearAll === "function") dropdown.clearAll();
    });
  }, true);

  button.addEventListener("click", function () { open(); });

  // The page-not-found page (overrides/404.html) offers a search for the words of the address the reader
  // asked for: "/entities/imf-reveiw/" searches for "imf reveiw" (Pagefind ranks pages that hold some of the
  // words, so the IMF's pages are found despite the typo).
  var fromAddress = document.querySelector("[data-dpb-search-address]");
  var words = fromAddress && addressWords(window.location.pathname);
  if (words) {
    fromAddress.textContent = "Search the site for \u201c" + words + "\u201d";
    fromAddress.parentNode.hidden = false;
    fromAddress.addEventListener("click", function () { open(words); });
  }
  // Start fetching as soon as a reader reaches for the button, so the dialog opens sooner.
  ["pointerenter", "focus", "touchstart"].forEach(function (name) {
    button.addEventListener(name, function () { load().catch(function () {}); }, { passive: true });
  });
  document.addEventListener("keydown", function (event) {
    var shortcut = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
    if (shortcut || (event.key === "/" && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey)) {
      var modal = box.querySelector("pagefind-modal");
      if (modal && modal.isOpen) return;
      event.preventDefault();
      open();
    }
  });
})();
