/*
 * The paragraph editor's Note button (issue 22; the server side is blog/notes.py).
 *
 * A click adds a row to the page's Footnotes panel (Wagtail's own "Add footnote" button), gives the row a new id
 * and puts a marker with that id after the cursor: `<footnote id="…">[2]</footnote>` once saved. The marker shows
 * as a superscript label; the cursor moves to the new note's text, so the student writes the note at once. A row
 * added with the panel's own button gets a new id too (the panel's blank row carries one id for all). No build
 * step: Wagtail's React and Draft.js globals.
 */
(function () {
  "use strict";

  var ENTITY = "FOOTNOTE";
  var PANEL = "footnotes";

  // crypto.randomUUID exists only on https and localhost: the admin may be served on a plain campus address.
  function newId() {
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function rows() {
    var forms = document.getElementById("id_" + PANEL + "-FORMS");
    if (!forms) {
      return [];
    }
    return Array.prototype.filter.call(forms.children, function (row) {
      var deleted = row.querySelector('input[name$="-DELETE"]');
      return !(deleted && deleted.value === "1");
    });
  }

  function idInput(row) {
    return row.querySelector('input[name^="' + PANEL + '-"][name$="-uuid"]');
  }

  // A row added by the panel (from its blank template) gets an id of its own.
  document.addEventListener("w-formset:added", function (event) {
    var input = event.target && event.target.querySelector && idInput(event.target);
    if (input) {
      input.value = newId();
    }
  });

  function label(noteId) {
    var found = rows().findIndex(function (row) {
      var input = idInput(row);
      return input && input.value === noteId;
    });
    return found < 0 ? "[?]" : "[" + (found + 1) + "]";
  }

  function insertNote(editorState, noteId) {
    var DraftJS = window.DraftJS;
    var content = editorState.getCurrentContent().createEntity(ENTITY, "IMMUTABLE", { footnote: noteId });
    var entityKey = content.getLastCreatedEntityKey();
    var selection = editorState.getSelection();
    // After the selection, never over it: a note marks a place, it does not replace words.
    var end = selection.merge({
      anchorKey: selection.getEndKey(),
      anchorOffset: selection.getEndOffset(),
      focusKey: selection.getEndKey(),
      focusOffset: selection.getEndOffset(),
      isBackward: false,
    });
    var withMarker = DraftJS.Modifier.insertText(content, end, label(noteId), null, entityKey);
    return DraftJS.EditorState.push(editorState, withMarker, "insert-characters");
  }

  // Draftail gives the focus back to the paragraph once the marker is in, at a time of its own: the new note's
  // text takes it, and takes it again (for a second or so) while Draftail moves it back to an editor.
  function focusNote(row, tries) {
    var text = row && row.querySelector('[contenteditable="true"]');
    if (!text) {
      return;
    }
    if (document.activeElement !== text) {
      text.focus();
    }
    if (tries > 0) {
      window.setTimeout(function () {
        var active = document.activeElement;
        var inEditor = active && active.closest && active.closest(".Draftail-Editor");
        var takenBack = !active || active === document.body || (inEditor && !row.contains(active));
        if (takenBack || active === text) {
          focusNote(row, tries - 1); // anywhere else, the student has moved on: leave the focus there
        }
      }, 100);
    }
  }

  class NoteSource extends window.React.Component {
    componentDidMount() {
      var props = this.props;
      var add = document.getElementById("id_" + PANEL + "-ADD");
      if (!add) {
        props.onClose();
        return;
      }
      add.click();
      var all = rows();
      var row = all[all.length - 1];
      var input = row && idInput(row);
      if (!input) {
        props.onClose();
        return;
      }
      input.value = newId();
      props.onComplete(insertNote(props.editorState, input.value));
      row.scrollIntoView({ block: "center" });
      window.setTimeout(function () {
        focusNote(row, 10);
      }, 0);
    }

    render() {
      return null;
    }
  }

  function Note(props) {
    var data = props.contentState.getEntity(props.entityKey).getData();
    return window.React.createElement(
      "sup",
      { className: "footnote-marker", "data-footnote": data.footnote, title: "A footnote: its text is under Footnotes" },
      props.children,
    );
  }

  window.draftail.registerPlugin({ type: ENTITY, source: NoteSource, decorator: Note }, "entityTypes");
})();
