/* Reading aids of the public sites (适老化/无障碍) and the article tools.
 * Plain JS, no framework, no network requests. Loaded in <head> without defer: the saved reading
 * aids are applied to <html> at once so the page never flashes in the wrong mode; the rest waits
 * for DOMContentLoaded. Every control is a <button>, so Enter/Space and Tab work without extra code.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "govsite-a11y";
  var ZOOM_STEPS = [1, 1.125, 1.25, 1.5, 1.75, 2]; // 页面放大 up to 2× (spec W4)
  var TOGGLES = { care: "a11y-care", contrast: "a11y-contrast", cursor: "a11y-cursor", captions: "a11y-captions-on" };
  var root = document.documentElement;
  var synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  var state = load();

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORAGE_KEY)) || {};
    } catch (e) {
      return {}; // private mode or corrupt value: start with defaults
    }
  }

  function save() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) {
      /* storage full or disabled: the aid still works for this page */
    }
  }

  function applyRoot() {
    Object.keys(TOGGLES).forEach(function (key) {
      root.classList.toggle(TOGGLES[key], !!state[key]);
    });
    root.style.setProperty("--zoom", String(ZOOM_STEPS[state.zoom || 0] || 1));
  }

  applyRoot();

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  function syncControls() {
    all("[data-a11y]").forEach(function (button) {
      button.setAttribute("aria-pressed", state[button.getAttribute("data-a11y")] ? "true" : "false");
    });
    var toolbar = document.getElementById("a11y-toolbar");
    if (toolbar) {
      toolbar.hidden = !state.toolbar;
      all("[data-a11y-toggle]").forEach(function (button) {
        button.setAttribute("aria-expanded", state.toolbar ? "true" : "false");
      });
    }
    var captions = document.querySelector(".a11y-captions");
    if (captions) {
      captions.hidden = !state.captions;
      if (!state.captions) captions.textContent = "";
    }
  }

  function setToolbar(open, focusTarget) {
    state.toolbar = open;
    save();
    syncControls();
    if (focusTarget) focusTarget.focus();
  }

  /* ---- 语音阅读 ---- */
  function speak(text, onDone) {
    if (!synth || !text) return;
    synth.cancel();
    // Chrome stops long utterances after ~15 s, so speak sentence by sentence.
    var parts = text.replace(/\s+/g, " ").match(/[^。！？!?；;\n]+[。！？!?；;]?/g) || [text];
    parts.forEach(function (part, index) {
      var utterance = new window.SpeechSynthesisUtterance(part);
      utterance.lang = "zh-CN";
      if (index === parts.length - 1 && onDone) {
        utterance.onend = onDone;
        utterance.onerror = onDone;
      }
      synth.speak(utterance);
    });
  }

  // The browser may speak only the languages of the voices installed on the computer; without a Chinese one it
  // would read Chinese text in silence or as noise, so say so instead of pretending (getVoices() is empty until the
  // list has loaded: then assume yes, and check again on the next click).
  function hasChineseVoice() {
    var voices = synth ? synth.getVoices() : [];
    if (!voices.length) return true;
    return voices.some(function (voice) { return /^(zh|cmn)/i.test(voice.lang); });
  }

  function announceNoVoice() {
    state.speech = false;
    state.toolbar = true; // the note lives in the toolbar
    save();
    syncControls();
    var note = document.getElementById("a11y-voice-note");
    if (note) {
      note.hidden = false;
      note.textContent = "本浏览器没有安装中文语音，无法朗读。请在系统设置中添加中文语音，或使用读屏软件。";
    }
  }

  function stopSpeaking() {
    if (synth) synth.cancel();
    all("[data-speak-target]").forEach(function (button) {
      button.setAttribute("aria-pressed", "false");
    });
  }

  var READABLE = "a, button, h1, h2, h3, h4, p, li, th, td, label, figcaption, img[alt], input";
  var pointTimer = null;

  function textOf(element) {
    if (element.tagName === "IMG") return element.getAttribute("alt") || "";
    if (element.tagName === "INPUT") return element.getAttribute("placeholder") || element.value || "";
    return (element.getAttribute("aria-label") || element.innerText || element.textContent || "").trim();
  }

  // 指读 and 大字幕: read or show what the pointer or keyboard focus is on.
  function onPoint(event) {
    if (!state.speech && !state.captions) return;
    var target = event.target.closest ? event.target.closest(READABLE) : null;
    if (!target || target.closest(".a11y-captions")) return;
    window.clearTimeout(pointTimer);
    pointTimer = window.setTimeout(function () {
      var text = textOf(target).slice(0, 300);
      if (state.captions) {
        var captions = document.querySelector(".a11y-captions");
        if (captions) captions.textContent = text;
      }
      if (state.speech) speak(text);
    }, event.type === "focusin" ? 0 : 350);
  }

  /* ---- Article tools ---- */
  function setFontSize(button) {
    var group = button.closest(".article") || document;
    var body = group.querySelector(".article-body");
    if (!body) return;
    body.classList.remove("font-sm", "font-md", "font-lg");
    body.classList.add("font-" + button.getAttribute("data-font-size"));
    all("[data-font-size]", group).forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  }

  function closeWindow() {
    window.close();
    // Browsers only close windows opened by script; otherwise leave the page the usual way.
    window.setTimeout(function () {
      if (window.closed) return;
      if (window.history.length > 1) window.history.back();
      else window.location.href = "/";
    }, 150);
  }

  function onClick(event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) return;
    if (button.hasAttribute("data-a11y")) {
      var key = button.getAttribute("data-a11y");
      state[key] = !state[key];
      if (key === "speech" && !state.speech) stopSpeaking();
      save();
      applyRoot();
      syncControls();
      if (key === "speech" && state.speech) {
        if (hasChineseVoice()) speak("语音阅读已开启");
        else announceNoVoice();
      }
    } else if (button.hasAttribute("data-a11y-toggle")) {
      var opening = !state.toolbar;
      var toolbar = document.getElementById("a11y-toolbar");
      setToolbar(opening, opening && toolbar ? toolbar.querySelector("button") : document.querySelector(".topbar [data-a11y-toggle]"));
    } else if (button.hasAttribute("data-a11y-zoom")) {
      var step = (state.zoom || 0) + (button.getAttribute("data-a11y-zoom") === "in" ? 1 : -1);
      state.zoom = Math.max(0, Math.min(ZOOM_STEPS.length - 1, step));
      save();
      applyRoot();
    } else if (button.hasAttribute("data-a11y-reset")) {
      stopSpeaking();
      state = { toolbar: true };
      save();
      applyRoot();
      syncControls();
    } else if (button.hasAttribute("data-font-size")) {
      setFontSize(button);
    } else if (button.hasAttribute("data-speak-target")) {
      var reading = button.getAttribute("aria-pressed") === "true";
      stopSpeaking();
      if (!reading && !hasChineseVoice()) {
        announceNoVoice();
      } else if (!reading) {
        var source = document.getElementById(button.getAttribute("data-speak-target"));
        button.setAttribute("aria-pressed", "true");
        speak(source ? source.innerText : "", function () {
          button.setAttribute("aria-pressed", "false");
        });
      }
    } else if (button.hasAttribute("data-captcha-refresh") || button.hasAttribute("data-captcha-text")) {
      captchaClick(button);
    } else if (button.getAttribute("data-action") === "print") {
      window.print();
    } else if (button.getAttribute("data-action") === "close") {
      closeWindow();
    }
  }

  /* ---- 验证码: 换一张 and 文字题 (core/captcha.py); without script the picture alone works ---- */
  function captchaKeyInput(box) {
    var field = box.parentElement;
    return field ? field.querySelector("input[type=hidden][name$='_0']") : null;
  }

  function captchaAnswerInput(box) {
    var field = box.parentElement;
    return field ? field.querySelector("input[type=text][name$='_1']") : null;
  }

  function fetchJSON(url, done) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.onload = function () {
      if (request.status === 200) done(JSON.parse(request.responseText));
      else done(null);
    };
    request.onerror = function () { done(null); };
    request.send();
  }

  function captchaClick(button) {
    var box = button.closest("[data-captcha]");
    var key = box && captchaKeyInput(box);
    if (!key) return;
    var question = box.querySelector("[data-captcha-question]");
    var image = box.querySelector(".captcha-image");
    var wantsText = button.hasAttribute("data-captcha-text");
    fetchJSON(box.getAttribute(wantsText ? "data-text-url" : "data-refresh-url"), function (data) {
      if (!data) {
        question.hidden = false;
        question.textContent = "获取验证码失败，请稍后再试或刷新页面。";
        return;
      }
      key.value = data.key;
      var answer = captchaAnswerInput(box);
      if (answer) answer.value = "";
      if (wantsText) {
        image.hidden = true;
        question.hidden = false;
        question.textContent = "文字题：" + data.question;
      } else {
        image.src = data.image_url;
        image.hidden = false;
        question.hidden = true;
        question.textContent = "";
      }
      if (answer) answer.focus();
    });
  }

  function onKeydown(event) {
    if (event.key !== "Escape") return;
    stopSpeaking();
    var toolbar = document.getElementById("a11y-toolbar");
    if (toolbar && !toolbar.hidden && toolbar.contains(document.activeElement)) {
      setToolbar(false, document.querySelector(".topbar [data-a11y-toggle]"));
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!synth) {
      all("[data-needs-speech]").forEach(function (element) {
        element.hidden = true;
      });
      state.speech = false;
    }
    all("[data-captcha-refresh], [data-captcha-text]").forEach(function (button) {
      button.hidden = false;
    });
    syncControls();
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeydown);
    document.addEventListener("mouseover", onPoint);
    document.addEventListener("focusin", onPoint);
    window.addEventListener("pagehide", stopSpeaking);
  });
})();
