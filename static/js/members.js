/* Seminar: the members' bar, loaded by seminar.js only in a browser that has logged in. It asks the uncached bar
   endpoint who is reading (members.views.bar) and draws a light bar: their name, My courses, Write, (staff) Review
   N and Comments N, Edit this page, Log out; on a post it marks the comments this member liked and reported. */
(function () {
  "use strict";

  var slot = document.getElementById("member-bar");
  if (!slot || !window.fetch) return;

  var el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  };

  var link = function (href, text, extra) {
    var item = el("li");
    var a = el("a", { href: href }, text);
    if (extra) a.appendChild(el("span", { "class": "member-count" }, extra));
    item.appendChild(a);
    return item;
  };

  var draw = function (state) {
    var style = el("link", { rel: "stylesheet", href: slot.getAttribute("data-style") });
    document.head.appendChild(style);
    var nav = el("nav", { "aria-label": "Your account" });
    var list = el("ul");
    list.appendChild(el("li", { "class": "member-name" }, state.name));
    list.appendChild(link(state.home, "My courses"));
    if (state.write) list.appendChild(link(state.write, "Write"));
    if (state.review) list.appendChild(link(state.review.url, "Review ", String(state.review.count)));
    if (state.comments) list.appendChild(link(state.comments.url, "Comments ", String(state.comments.count)));
    if (state.edit) list.appendChild(link(state.edit, "Edit this page"));
    var out = el("li");
    var form = el("form", { method: "post", action: state.logout });
    form.appendChild(el("input", { type: "hidden", name: "csrfmiddlewaretoken", value: state.csrf }));
    form.appendChild(el("button", { type: "submit", "class": "link-button" }, "Log out"));
    out.appendChild(form);
    list.appendChild(out);
    nav.appendChild(list);
    slot.replaceChildren(nav);
    slot.hidden = false;
  };

  var likedText = function (count) {
    return count > 1 ? "Liked by you and " + (count - 1) + (count > 2 ? " others" : " other") : "Liked by you";
  };

  var markFeedback = function (state) {
    if (!state.liked) return;
    document.querySelectorAll(".discussion a.feedback-link").forEach(function (a) {
      var id = Number(a.closest("li.comment").id.slice(1));
      var isLike = /\/like\/\d+\/$/.test(a.pathname);
      if (isLike && state.liked.indexOf(id) >= 0) {
        var likes = a.parentNode.querySelector(".likes");
        if (!likes) {
          likes = el("span", { "class": "likes" });
          a.parentNode.prepend(likes);
        }
        likes.textContent = likedText(parseInt(likes.textContent.replace(/\D+/g, ""), 10) || 1);
        a.textContent = "Unlike";
      } else if (!isLike && state.reported.indexOf(id) >= 0) {
        a.replaceWith(el("span", { "class": "reported" }, "Reported"));
      }
    });
  };

  fetch(slot.getAttribute("data-bar-url"), { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error("members' bar: HTTP " + response.status);
    return response.json();
  }).then(function (state) {
    if (!state.member) {  /* the session ended; the endpoint cleared the cookie */
      if (window.seminarStranger) window.seminarStranger(state.login);
      return;
    }
    draw(state);
    markFeedback(state);
  }).catch(function () {});
})();
