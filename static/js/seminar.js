/* Seminar: click-to-load embeds. Nothing is fetched from a media provider until the reader asks for it. */
(function () {
  "use strict";

  /* On narrow screens the unit list scrolls sideways: bring the current unit into view. */
  var current = document.querySelector(".site-nav [aria-current]");
  if (current) {
    var list = current.closest("ol");
    var item = current.parentNode;
    if (list && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = item.offsetLeft - list.offsetLeft - parseFloat(getComputedStyle(list).paddingLeft);
    }
  }

  document.querySelectorAll("[data-embed]").forEach(function (figure) {
    var button = figure.querySelector("[data-embed-load]");
    var template = figure.querySelector("template[data-embed-html]");
    var stage = figure.querySelector("[data-embed-stage]");
    if (!button || !template || !stage || !("content" in template)) return;
    button.hidden = false;
    figure.querySelectorAll("[data-embed-js]").forEach(function (el) { el.hidden = false; });
    figure.querySelectorAll("[data-embed-nojs]").forEach(function (el) { el.hidden = true; });
    button.addEventListener("click", function () {
      var ratio = template.getAttribute("data-embed-ratio");
      stage.replaceChildren(document.importNode(template.content, true));
      stage.classList.add("is-loaded");
      figure.removeChild(template);
      var frame = stage.querySelector("iframe");
      if (frame) {
        if (ratio) stage.style.aspectRatio = ratio;
        frame.removeAttribute("width");
        frame.removeAttribute("height");
        frame.focus();
      } else {
        stage.tabIndex = -1;
        stage.focus();
      }
    });
  });
})();
