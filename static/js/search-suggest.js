/* Suggestions as you type for search boxes ([data-search-suggest]: the header's whole form, or on the search page
 * the wrapper of its box inside the big filter form): the ARIA 1.2 combobox pattern with a listbox popup and
 * list autocomplete (manual selection). The list is placed in that element, so it opens right under the box;
 * choosing a suggestion submits the box's own form with every filter in it.
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

  function setup(box) {
    var input = box.querySelector("input[name=q]");
    var endpoint = box.getAttribute("data-suggest-url");
    if (!input || !input.form || !endpoint || !window.fetch) return;
    var form = input.form;
    var site = box.getAttribute("data-site") || "";
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
    list.setAttribute("aria-label", box.getAttribute("data-suggest-label") || "搜索建议");
    list.hidden = true;
    status.className = "sr-only";
    status.setAttribute("role", "status");
    box.classList.add("has-suggest");
    box.appendChild(list);
    box.appendChild(status);
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
      var template = box.getAttribute("data-suggest-count") || "有{n}条搜索建议，可用上下方向键选择。";
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
        // A search field clears itself on Escape in Chromium: with the list open, Escape only closes the list.
        if (open) {
          event.preventDefault();
          close();
        } else input.value = "";
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
    Array.prototype.forEach.call(document.querySelectorAll("[data-search-suggest]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
