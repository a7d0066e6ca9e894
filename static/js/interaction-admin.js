/* A message's handling page in the admin (templates/interaction/admin/question_detail.html): the reply-template
 * picker fills the answer box, and the page scrolls to the step the editor was working on. A file, not an inline
 * script: the Content-Security-Policy allows none. */
(function () {
  "use strict";

  function init() {
    var picker = document.querySelector("[data-reply-template-picker]");
    var box = document.getElementById("id_answer-answer");
    var source = document.getElementById("reply-templates");
    if (picker && box && source) {
      var templates = JSON.parse(source.textContent);
      picker.addEventListener("change", function () {
        var chosen = templates.find(function (t) { return String(t.id) === picker.value; });
        if (!chosen) return;
        if (box.value.trim() && !window.confirm("用模板替换已填写的答复内容？")) { picker.value = ""; return; }
        box.value = chosen.text;
        box.dispatchEvent(new Event("input", { bubbles: true }));
      });
      var fill = document.querySelector("[data-reply-template-fill]");
      if (fill) fill.hidden = true; // the picker fills the box itself
    }
    var open = document.querySelector("[data-open]");
    if (open) open.scrollIntoView();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
