/* Suggestions as you type for search boxes (form[data-search-suggest]): the ARIA 1.2 combobox pattern with a
 * listbox popup and list autocomplete (manual selection).
 * Progressive enhancement: without this script — or without fetch — the box is the plain search form it is
 * in the HTML; the script only adds the roles, the popup and a polite status message. No framework.
 * Keys: Down/Up move through the suggestions (the box keeps what was typed until one is chosen), Enter or a
 * click searches for the chosen one, Escape closes the list (a second Escape clears the box), Tab leaves.
 * Nothing is fetched while an input method is composing (pinyin being typed into a Chinese IME).
 */
(function () {
  "use strict";

  var DELAY = 150; // ms after the last keystroke
  var uid = 0;

  function setup(form) {
    var input = form.querySelector("input[name=q]");
    var endpoint = form.getAttribute("data-suggest-url");
    if (!input || !endpoint || !window.fetch) return;
    var site = form.getAttribute("data-site") || "";
    var listId = (input.id || "search-" + ++uid) + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var latest = 0; // number of the latest request: older answers arriving late are dropped
    var composing = false;

    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "搜索建议");
    list.hidden = true;
    status.className = "sr-only";
    status.setAttribute("role", "status");
    form.classList.add("has-suggest");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show(items) {
      list.textContent = "";
      options = items.map(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = item.kind === "title" ? "is-title" : "";
        option.textContent = item.text;
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!options.length) {
        close();
        status.textContent = "";
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      var template = form.getAttribute("data-suggest-count") || "有{n}条搜索建议，可用上下方向键选择。";
      status.textContent = template.replace("{n}", String(options.length));
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      input.value = options[index].textContent;
      close();
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (!text) {
        show([]);
        return;
      }
      var number = ++latest;
      var url = endpoint + "?q=" + encodeURIComponent(text.slice(0, 50));
      if (site) url += "&site=" + encodeURIComponent(site);
      window
        .fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) {
          return response.ok ? response.json() : { items: [] };
        })
        .then(function (data) {
          if (number === latest && document.activeElement === input) show(data.items || []);
        })
        .catch(function () {
          /* offline or server trouble: the plain search box still works */
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    }

    input.addEventListener("compositionstart", function () {
      composing = true;
    });
    input.addEventListener("compositionend", function () {
      composing = false;
      schedule();
    });
    input.addEventListener("input", function () {
      if (!composing) schedule();
    });
    input.addEventListener("keydown", function (event) {
      if (event.isComposing || composing) return;
      var open = !list.hidden && options.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (!open) fetchSuggestions();
        else highlight(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open) return;
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) close();
        else input.value = "";
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.clearTimeout(timer);
      close();
    });
    // mousedown (not click) so the box keeps focus and its blur does not close the list first.
    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      event.preventDefault();
      if (option) choose(options.indexOf(option));
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-search-suggest]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
