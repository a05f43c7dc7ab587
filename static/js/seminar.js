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

  /* The page is the same for every reader (it may come from a shared cache). A browser that has logged in holds
     the member cookie: members.js then draws the members' bar and marks this member's likes and reports, from the
     uncached bar endpoint. Strangers cost no request: Like and Report say at once that they need an account. */
  var markStrangers = function (login) {
    document.querySelectorAll(".discussion a.feedback-link").forEach(function (link) {
      link.textContent = /\/like\/\d+\/$/.test(link.pathname) ? "Log in to like" : "Log in to report";
      link.href = login + "?next=" + encodeURIComponent(link.pathname);
    });
  };
  window.seminarStranger = markStrangers;
  var bar = document.getElementById("member-bar");
  if (bar && /(?:^|;\s*)seminar_member=1(?:;|$)/.test(document.cookie)) {
    var script = document.createElement("script");
    script.src = bar.getAttribute("data-script");
    document.head.appendChild(script);
  } else {
    var threads = document.querySelector(".discussion[data-login-url]");
    if (threads) markStrangers(threads.getAttribute("data-login-url"));
  }

  /* The post page is served from a shared cache, so it carries no comment form: the form, with this visitor's
     CSRF token, timestamp and security hash (or a member's name), comes from the form endpoint when the reader
     nears the discussion or clicks Reply; its three security fields are fetched again just before posting, so
     they are never stale. Without this script, or if the endpoint fails, readers use the "Leave a reply" and
     "Reply" links to the uncached form pages instead. */
  var respond = document.querySelector(".leave-reply[data-form-url]");
  if (respond && window.fetch && window.IntersectionObserver) {
    var discussion = respond.closest(".discussion") || respond;
    var heading = respond.querySelector("#respond-heading");
    var cancel = respond.querySelector(".cancel-reply");
    var fallback = respond.querySelector(".reply-fallback");
    var title = heading.textContent;
    var home = document.createComment(" comment form ");
    var form = null;
    var loading = null;
    var sending = false;
    var opener = null;

    respond.before(home);
    document.documentElement.classList.add("js");

    var fetchForm = function () {
      return fetch(respond.getAttribute("data-form-url"), { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("comment form: HTTP " + response.status);
        return response.text();
      }).then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        var fresh = template.content.querySelector("form.comment-form");
        if (!fresh) throw new Error("comment form: not in the answer");
        return fresh;
      });
    };

    var send = function (event) {
      event.preventDefault();
      if (sending) return;
      sending = true;
      var post = function () { form.submit(); };
      fetchForm().then(function (fresh) {
        ["csrfmiddlewaretoken", "timestamp", "security_hash"].forEach(function (name) {
          form.elements[name].value = fresh.querySelector("[name=" + name + "]").value;
        });
      }).then(post, post);
    };

    var loadForm = function () {
      if (form) return Promise.resolve();
      if (!loading) {
        loading = fetchForm().then(function (fresh) {
          form = fresh;
          form.setAttribute("aria-labelledby", "respond-heading");
          form.addEventListener("submit", send);
          respond.appendChild(form);
        });
        loading.catch(function () {
          loading = null;
          fallback.classList.add("is-shown");
        });
      }
      return loading;
    };

    var prepare = function () { loadForm().catch(function () {}); };
    var nearby = new IntersectionObserver(function (entries) {
      if (entries[0].isIntersecting) { nearby.disconnect(); prepare(); }
    }, { rootMargin: "100% 0px" });
    nearby.observe(respond);
    discussion.addEventListener("focusin", prepare);

    var setTarget = function (id, label, place) {
      place.after(respond);
      form.elements.reply_to.value = id;
      heading.textContent = label;
      cancel.hidden = id === "0";
    };

    discussion.addEventListener("click", function (event) {
      var link = event.target.closest("li.comment a.reply-link");
      if (!link || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var id = link.closest("li.comment").id.slice(1);
      var author = link.closest("article").querySelector(".comment-author");
      loadForm().then(function () {
        opener = link;
        setTarget(id, "Reply to " + (author ? author.textContent.trim() : "comment"), link.closest("article"));
        form.elements.comment.focus({ preventScroll: true });
        respond.scrollIntoView({ block: "start" });
      }, function () {
        location.href = link.href;
      });
    });

    cancel.addEventListener("click", function () {
      setTarget("0", title, home);
      if (opener) opener.focus();
      opener = null;
    });

    window.addEventListener("pageshow", function () { sending = false; });
  }
})();
