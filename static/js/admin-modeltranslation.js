/* wagtail-modeltranslation's settings for its language picker (language_toggles.js, copy_stream_fields.js), read
 * from this tag's data-settings. wagtail-modeltranslation writes them as an inline script, which the admin's
 * Content-Security-Policy blocks; core/wagtail_hooks.py swaps that hook for this file. */
(function () {
  "use strict";
  window.wagtailModelTranslations = JSON.parse(document.currentScript.dataset.settings);
})();
