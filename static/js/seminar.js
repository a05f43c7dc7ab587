/* Seminar: click-to-load embeds (nothing is fetched from a media provider until the reader asks for it),
   and the comment form on cached post pages. */
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

  /* A comment form sent back with errors: take the reader to the list of what to fix. */
  var summary = document.getElementById("form-errors");
  if (summary) summary.focus();

  /* The post page is served from a shared cache, so its comment form arrives hidden and without the
     CSRF token, timestamp and security hash. They come from the token endpoint, fetched when the reader
     nears the form or clicks Reply, and again just before posting so they are never stale. Without
     this script, or if the endpoint fails, readers use the "Leave a reply" and "Reply" links instead. */
  var form = document.querySelector("form.comment-form[data-token-url]");
  var respond = form && form.closest(".leave-reply");
  if (respond && window.fetch && window.IntersectionObserver) {
    var discussion = respond.closest(".discussion") || respond;
    var heading = respond.querySelector("#respond-heading");
    var cancel = respond.querySelector(".cancel-reply");
    var fallback = respond.querySelector(".reply-fallback");
    var title = heading.textContent;
    var home = document.createComment(" comment form ");
    var loading = null;
    var loaded = false;
    var sending = false;
    var opener = null;

    respond.before(home);
    document.documentElement.classList.add("js");

    /* A logged-in reader comments under their account: no name, email or website to fill in. */
    var showMember = function (name) {
      ["name", "email", "url"].forEach(function (field) {
        form.elements[field].required = false;
        form.elements[field].closest(".field").hidden = true;
      });
      var note = form.querySelector(".member-note");
      if (note) { note.textContent = "Commenting as " + name + "."; note.hidden = false; }
      var login = form.querySelector(".login-hint");
      if (login) login.hidden = true;
    };

    var loadToken = function () {
      if (!loading) {
        loading = fetch(form.getAttribute("data-token-url"), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        }).then(function (response) {
          if (!response.ok) throw new Error("comment token: HTTP " + response.status);
          return response.json();
        }).then(function (data) {
          ["csrfmiddlewaretoken", "timestamp", "security_hash"].forEach(function (name) {
            if (!data[name]) throw new Error("comment token: no " + name);
            form.elements[name].value = data[name];
          });
          if (data.member) showMember(data.member);
          loaded = true;
          form.hidden = false;
          if (fallback) fallback.classList.remove("is-shown");
        });
        loading.then(function () { loading = null; }, function () { loading = null; });
      }
      return loading;
    };

    var prepare = function () {
      if (loaded || loading) return;
      loadToken().catch(function () { if (fallback) fallback.classList.add("is-shown"); });
    };

    var nearby = new IntersectionObserver(function (entries) {
      if (entries[0].isIntersecting) { nearby.disconnect(); prepare(); }
    }, { rootMargin: "100% 0px" });
    nearby.observe(respond);
    discussion.addEventListener("focusin", prepare);

    var setTarget = function (id, label, place) {
      place.after(respond);
      form.elements.reply_to.value = id;
      heading.textContent = label;
      if (cancel) cancel.hidden = id === "0";
    };

    discussion.addEventListener("click", function (event) {
      var link = event.target.closest("li.comment a.reply-link");
      if (!link || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var id = link.closest("li.comment").id.slice(1);
      var article = link.closest("article");
      var author = document.getElementById("c" + id + "-by");
      (loaded ? Promise.resolve() : loadToken()).then(function () {
        opener = link;
        setTarget(id, "Reply to " + (author ? author.textContent.trim() : "comment"), article);
        form.elements.comment.focus({ preventScroll: true });
        respond.scrollIntoView({ block: "start" });
      }, function () {
        location.href = link.href;
      });
    });

    if (cancel) {
      cancel.addEventListener("click", function () {
        setTarget("0", title, home);
        if (opener) opener.focus();
        opener = null;
      });
    }

    /* The timestamp expires and the CSRF token changes when the reader logs in or out elsewhere: renew both. */
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return;
      sending = true;
      var send = function () { form.submit(); };
      loadToken().then(send, send);
    });
    window.addEventListener("pageshow", function () { sending = false; });
  }
})();
