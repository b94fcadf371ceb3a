/* Makes the saved ipywidgets on a static page work with MathJax 3 and with screen readers.
 * Our own file (not vendored); loaded on pages with saved widget state, just before the
 * widget manager html-manager/embed.js (see nb_ipywidgets_js in _config.yml).
 *
 * 1. ipywidgets typesets widget labels with MathJax 2's MathJax.Hub.Queue, which MathJax 3
 *    lacks: on a page with maths every label threw "Cannot read properties of undefined
 *    (reading 'Queue')". Provide it, on MathJax's configuration object now (MathJax 3 has
 *    not loaded yet: it is deferred) and on MathJax itself once it is ready.
 * 2. ipywidgets' sliders draw their handle as a role="slider" element without a name (axe:
 *    aria-input-field-name, serious). Name each handle after its widget's description.
 */
(function () {
  "use strict";

  var hub = {
    Queue: function (command) {
      var mathjax = window.MathJax;
      var element = command && command[2];
      if (mathjax && mathjax.startup && mathjax.startup.promise && mathjax.typesetPromise) {
        mathjax.startup.promise.then(function () {
          return mathjax.typesetPromise(element ? [element] : undefined);
        });
      } // before MathJax is ready, its first typeset of the page covers the label
    },
  };
  var config = window.MathJax;
  if (config && !config.version) {
    config.Hub = hub;
    config.startup = config.startup || {};
    var ready = config.startup.ready;
    config.startup.ready = function () {
      (ready || window.MathJax.startup.defaultReady)();
      window.MathJax.Hub = hub;
    };
  }

  function nameSliderHandles() {
    var handles = document.querySelectorAll(
      ".jupyter-widgets [role=slider]:not([aria-label]):not([aria-labelledby])"
    );
    handles.forEach(function (handle) {
      var widget = handle.closest(".widget-slider, .jupyter-widgets");
      var label = widget && widget.querySelector(".widget-label");
      var text = label && label.textContent.trim();
      handle.setAttribute("aria-label", text || "Slider");
    });
  }
  new MutationObserver(nameSliderHandles).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
