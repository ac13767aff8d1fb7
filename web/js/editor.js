// The values editor: CodeMirror 6 with YAML highlighting, line numbers, search, undo, lint markers, Tab
// indenting with spaces, and completion and hover documentation from the chart's values schema. Rust answers what
// needs YAML knowledge (highlighting, completion, hover); this side only builds CodeMirror's objects.
// Bundled at build time by esbuild into `web/js/dist/editor.js` (a classic script defining the global
// `ChartplayEditor`), which the Rust side drives through `wasm-bindgen` externs in `web/src/services/editor.rs`.
import { EditorState, Compartment, Annotation, RangeSet, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  Decoration, MatchDecorator, ViewPlugin, highlightSpecialChars, hoverTooltip, gutter, GutterMarker,
} from "@codemirror/view";
import { autocompletion, pickedCompletion } from "@codemirror/autocomplete";
import {
  standardKeymap, history, historyKeymap, indentWithTab, moveLineUp, moveLineDown, copyLineUp, copyLineDown,
  addCursorAbove, addCursorBelow, simplifySelection, insertBlankLine, selectLine, indentLess, indentMore, deleteLine,
  toggleComment, toggleTabFocusMode,
} from "@codemirror/commands";
import {
  openSearchPanel, closeSearchPanel, findNext, findPrevious, selectNextOccurrence, selectSelectionMatches,
} from "@codemirror/search";
import { indentUnit, indentService } from "@codemirror/language";

// CodeMirror's default keymap without the commands that need a syntax tree (syntax-wise moves and selection,
// matching brackets, reindenting) or block comments, which a YAML editor without a grammar does not have.
const editingKeymap = [
  { key: "Alt-ArrowUp", run: moveLineUp },
  { key: "Shift-Alt-ArrowUp", run: copyLineUp },
  { key: "Alt-ArrowDown", run: moveLineDown },
  { key: "Shift-Alt-ArrowDown", run: copyLineDown },
  { key: "Mod-Alt-ArrowUp", run: addCursorAbove },
  { key: "Mod-Alt-ArrowDown", run: addCursorBelow },
  { key: "Escape", run: simplifySelection },
  { key: "Mod-Enter", run: insertBlankLine },
  { key: "Alt-l", mac: "Ctrl-l", run: selectLine },
  { key: "Mod-[", run: indentLess },
  { key: "Mod-]", run: indentMore },
  { key: "Shift-Mod-k", run: deleteLine },
  { key: "Mod-/", run: toggleComment },
  { key: "Ctrl-m", mac: "Shift-Alt-m", run: toggleTabFocusMode },
];

// CodeMirror's search keymap without the go-to-line dialog (Ctrl+Alt+G).
const searchKeymap = [
  { key: "Mod-f", run: openSearchPanel, scope: "editor search-panel" },
  { key: "F3", run: findNext, shift: findPrevious, scope: "editor search-panel", preventDefault: true },
  { key: "Mod-g", run: findNext, shift: findPrevious, scope: "editor search-panel", preventDefault: true },
  { key: "Escape", run: closeSearchPanel, scope: "editor search-panel" },
  { key: "Mod-Shift-l", run: selectSelectionMatches },
  { key: "Mod-d", run: selectNextOccurrence, preventDefault: true },
];

// YAML highlighting by the tokenizer that also colours the output (web/src/highlight.rs): `spans(text)` answers
// [from, to, kind] triples for the whole text, and the visible part is marked with the output's classes, whose
// colours follow the page's light and dark themes. The index is the discriminant of Rust's `TokenKind`.
const tokenMarks = [
  null, "tok-key", "tok-string", "tok-literal tok-number", "tok-comment", "tok-punct", "tok-meta",
  "tok-literal tok-bool", "tok-literal tok-null",
]
  .map((name) => name && Decoration.mark({ class: name }));
function highlighter(spans) {
  return ViewPlugin.fromClass(
    class {
      constructor(view) {
        this.spans = spans(view.state.doc.toString());
        this.decorations = this.mark(view);
      }
      update(update) {
        if (update.docChanged) this.spans = spans(update.state.doc.toString());
        if (update.docChanged || update.viewportChanged) this.decorations = this.mark(update.view);
      }
      mark(view) {
        const marks = new RangeSetBuilder();
        const s = this.spans;
        let next = 0;
        for (const { from, to } of view.visibleRanges) {
          // The first span that ends after `from` (spans are in text order).
          let low = next, high = s.length / 3;
          while (low < high) {
            const middle = (low + high) >> 1;
            if (s[middle * 3 + 1] <= from) low = middle + 1; else high = middle;
          }
          for (next = low; next * 3 < s.length && s[next * 3] < to; next++) {
            marks.add(s[next * 3], s[next * 3 + 1], tokenMarks[s[next * 3 + 2]]);
          }
        }
        return marks.finish();
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

// Indentation is visible: every two leading spaces get a faint guide line. A tab (which YAML forbids) is shown
// by highlightSpecialChars-style marking below.
const indentGuides = new MatchDecorator({
  regexp: /^ +/g,
  decorate: (add, from, to) => {
    for (let at = from; at + 2 <= to; at += 2) add(at, at + 2, Decoration.mark({ class: "cm-indent-guide" }));
  },
});
const indentGuidePlugin = ViewPlugin.fromClass(
  class {
    constructor(view) { this.decorations = indentGuides.createDeco(view); }
    update(update) { this.decorations = indentGuides.updateDeco(update, this.decorations); }
  },
  { decorations: (plugin) => plugin.decorations },
);
const tabMarks = new MatchDecorator({ regexp: /\t/g, decoration: Decoration.mark({ class: "cm-tab-char", attributes: { title: "tab: YAML allows only spaces" } }) });
const tabPlugin = ViewPlugin.fromClass(
  class {
    constructor(view) { this.decorations = tabMarks.createDeco(view); }
    update(update) { this.decorations = tabMarks.updateDeco(update, this.decorations); }
  },
  { decorations: (plugin) => plugin.decorations },
);

// Problems in the values (YAML and render errors, schema warnings), as Rust reports them after every render: a
// marker in the gutter at the problem's line (its messages as the marker's title) and the text from the problem's
// column to the end of the line underlined (the message on hover). Both move with edits until the next report.
const setProblems = StateEffect.define();
class ProblemMarker extends GutterMarker {
  constructor(severity, messages) {
    super();
    this.severity = severity;
    this.messages = messages;
  }
  eq(other) { return other.severity === this.severity && other.messages === this.messages; }
  toDOM() {
    const dom = document.createElement("div");
    dom.className = "cm-lint-marker cm-lint-marker-" + this.severity;
    dom.title = this.messages;
    return dom;
  }
}
const problems = StateField.define({
  create: () => ({ underlines: Decoration.none, markers: RangeSet.empty }),
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setProblems)) return effect.value;
    return tr.docChanged ? { underlines: value.underlines.map(tr.changes), markers: value.markers.map(tr.changes) } : value;
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.underlines),
});
const problemMarkers = [
  problems,
  gutter({
    class: "cm-gutter-lint",
    markers: (view) => view.state.field(problems).markers,
    initialSpacer: () => new ProblemMarker("spacer", ""),
  }),
  hoverTooltip((view, pos) => {
    const found = [];
    view.state.field(problems).underlines.between(pos, pos, (from, to, underline) => { found.push({ from, to, ...underline.spec }); });
    if (!found.length) return null;
    return {
      pos: Math.min(...found.map((p) => p.from)),
      end: Math.max(...found.map((p) => p.to)),
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-tooltip-lint";
        for (const problem of found) {
          const item = dom.appendChild(document.createElement("div"));
          item.className = "cm-diagnostic cm-diagnostic-" + problem.severity;
          item.textContent = problem.message;
          for (const fix of problem.fixes || []) {
            const button = item.appendChild(document.createElement("button"));
            button.type = "button";
            button.className = "cm-fix";
            button.textContent = fix.title;
            button.addEventListener("click", () => { applyEdits(view, fix.edits); view.focus(); });
          }
        }
        return { dom };
      },
    };
  }),
];

// Schema help. Rust works out the value path from the text before the cursor and answers in JSON, already ranked
// (keys match fuzzily over their paths below the cursor's object), so CodeMirror neither filters nor re-sorts; this
// side only builds CodeMirror's objects. A popup opens by itself once part of a word is typed, or on Ctrl+Space.
// An option for a deeper key (`horizontalPodAutoscaler.maxReplicas`) is written by Rust's `place`, which creates
// the missing parents or puts the key under the one already in the text, as one change.
const word = /[\w.\/-]/;
function schemaCompletions(complete, place) {
  const nested = (o) => (view, completion, from, to) => {
    const { edits, cursor } = JSON.parse(place(view.state.doc.toString(), from, to, o.path.join("\n"), o.depth, o.opening));
    view.dispatch({
      changes: edits, selection: { anchor: cursor }, scrollIntoView: true, userEvent: "input.complete",
      annotations: pickedCompletion.of(completion),
    });
  };
  // The answer is asked for again, synchronously, on every keystroke (`update`): the list is never one keystroke
  // behind, so Enter right after typing picks from what is typed (an unfiltered result would otherwise wait
  // for CodeMirror's next query, and Enter would meanwhile insert a newline).
  const query = (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const json = complete(context.state.sliceDoc(0, context.pos), context.state.sliceDoc(context.pos, line.to));
    if (!json) return null;
    const { back, options } = JSON.parse(json);
    if (back === 0 && !context.explicit) return null;
    return {
      from: context.pos - back,
      options: options.map((o) => ({
        label: o.label, apply: o.path ? nested(o) : o.apply, type: o.type, detail: o.detail || undefined, info: o.info || undefined,
      })),
      filter: false,
      update: (current, from, to, context) => query(context),
    };
  };
  return query;
}

// Enter indents a new line as YAML reads it: two spaces deeper after a key that opens a block (`key:`, `key: |`),
// at a list item's content after `- `, else as the line above.
const yamlIndent = indentService.of((context, pos) => {
  const line = context.lineAt(pos, -1);
  const before = line.text.slice(0, pos - line.from).replace(/(^|\s)#.*$/, "").replace(/\s+$/, "");
  const [, spaces, dashes] = /^( *)((?:- +)*)/.exec(before);
  const content = spaces.length + dashes.length;
  return /:$/.test(before) || /:\s+[|>][-+0-9]*$/.test(before) ? content + 2 : content;
});
function schemaHover(hover) {
  return hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    let start = pos - line.from;
    let end = start;
    while (start > 0 && word.test(line.text[start - 1])) start--;
    while (end < line.text.length && word.test(line.text[end])) end++;
    if (start === end) return null;
    const json = hover(view.state.sliceDoc(0, line.from + end));
    if (!json) return null;
    const doc = JSON.parse(json);
    return {
      pos: line.from + start,
      end: line.from + end,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-schema-doc";
        const add = (tag, className, text) => {
          const el = document.createElement(tag);
          el.className = className;
          el.textContent = text;
          dom.appendChild(el);
          return el;
        };
        const head = add("div", "cm-schema-head", "");
        head.appendChild(Object.assign(document.createElement("code"), { textContent: doc.path }));
        if (doc.type) head.appendChild(Object.assign(document.createElement("span"), { className: "cm-schema-type", textContent: doc.type }));
        if (doc.description) add("p", "cm-schema-description", doc.description);
        if (doc.default != null) add("div", "cm-schema-default", "Default: " + doc.default);
        if (doc.kubernetes) add("div", "cm-schema-kube", "Kubernetes: " + doc.kubernetes);
        return { dom };
      },
    };
  });
}

// A fix's edits ({from, to, insert, expect}, positions in the text the problems were found in) as one undoable
// change; nothing happens when the text there is no longer what the fix expects.
function applyEdits(view, edits) {
  const doc = view.state.doc;
  if (!edits.length || edits.some((e) => e.to > doc.length || doc.sliceString(e.from, e.to) !== e.expect)) return false;
  view.dispatch({ changes: edits.map(({ from, to, insert }) => ({ from, to, insert })), userEvent: "input.fix" });
  return true;
}

// Changes made by `setDoc` come from Rust, which already knows the text: they are not reported back.
const fromHost = Annotation.define();

/**
 * Creates an editor inside `parent`.
 * @param {Element} parent
 * @param {string} doc initial text
 * @param {boolean} readOnly
 * @param {(text: string) => void} onChange called with the whole text after every user edit
 * @param {(before: string, after: string) => string | undefined} complete completions at the cursor (JSON)
 * @param {(before: string) => string | undefined} hover documentation of the word ending the text (JSON)
 * @param {(text: string) => Uint32Array} spans highlighting of the text, see `highlighter`
 * @param {(position: number) => void} onCursor called with the cursor's position once it rests (150 ms)
 * @param {(doc: string, from: number, to: number, path: string, depth: number, opening: string) => string} place
 *   the edits ({edits: [{from, to, insert}], cursor}) that complete a nested key (its keys one a line), see
 *   `schemaCompletions`
 */
export function create(parent, doc, readOnly, onChange, complete, hover, spans, onCursor, place) {
  let cursorTimer = null;
  let ro = readOnly;
  const editable = new Compartment();
  const editableExtensions = (ro) => [EditorState.readOnly.of(ro), EditorView.editable.of(!ro)];
  // Long lines wrap where the editor is narrow (a phone, one column) and in embeds (which never scroll inside):
  // nothing is cut off. Elsewhere they scroll, which keeps YAML's indentation easy to read.
  const wrapping = new Compartment();
  const narrow = window.matchMedia("(max-width: 860px)");
  const wraps = () => (narrow.matches || !!parent.closest(".embed") ? EditorView.lineWrapping : []);
  const rewrap = () => view.dispatch({ effects: wrapping.reconfigure(wraps()) });
  const extensions = [
    lineNumbers(),
    problemMarkers,
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    EditorState.tabSize.of(2),
    indentUnit.of("  "),
    highlighter(spans),
    // Toggling comments (Ctrl+/) asks the language data for its comment syntax.
    EditorState.languageData.of(() => [{ commentTokens: { line: "#" } }]),
    indentGuidePlugin,
    tabPlugin,
    // The list changes with each keystroke, synchronously (see schemaCompletions), never under the user's
    // fingers: Enter right after typing accepts what is shown, without CodeMirror's guard delay.
    autocompletion({ override: [schemaCompletions(complete, place)], icons: false, interactionDelay: 0 }),
    yamlIndent,
    schemaHover(hover),
    keymap.of([indentWithTab, ...editingKeymap, ...standardKeymap, ...historyKeymap, ...searchKeymap]),
    // An explicit tabindex: the text (and so its scrolling area) takes focus even when read-only, and
    // accessibility checkers, which do not count contenteditable as focusable, see that it does.
    EditorView.contentAttributes.of({
      "aria-label": "Values (YAML)", "aria-describedby": "editor-hint", "data-testid": "values-editor", tabindex: "0",
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromHost))) {
        onChange(update.state.doc.toString());
      }
      if (update.selectionSet || update.docChanged) {
        clearTimeout(cursorTimer);
        cursorTimer = setTimeout(() => onCursor(view.state.selection.main.head), 150);
      }
    }),
  ];
  const newState = (text) => EditorState.create({
    doc: text,
    extensions: [...extensions, editable.of(editableExtensions(ro)), wrapping.of(wraps())],
  });
  const view = new EditorView({ parent, state: newState(doc) });
  narrow.addEventListener("change", rewrap);
  // Each document shown (a values file, the flags) keeps its own state, with its undo history and selection,
  // while another is in the view.
  const documents = new Map();
  let shown = null;
  const setDoc = (text) => {
    if (text === view.state.doc.toString()) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromHost.of(true) });
  };
  return {
    /** Shows document `id` with `text`: its own state (undo history, selection) if it was shown before, else a new
     *  one; the text replaces its own (not reported back through onChange). `keep` lists the ids still in use;
     *  the states of the others are dropped. */
    show(id, text, keep) {
      if (shown === null) {
        shown = id;
      } else if (id !== shown) {
        documents.set(shown, view.state);
        shown = id;
        const saved = documents.get(id);
        view.setState(saved ?? newState(text));
        view.dispatch({ effects: [editable.reconfigure(editableExtensions(ro)), wrapping.reconfigure(wraps())] });
      }
      setDoc(text);
      for (const old of documents.keys()) if (!keep.includes(old)) documents.delete(old);
    },
    /** The current text. */
    getDoc() { return view.state.doc.toString(); },
    /** Shows problems: a JSON array of {line, column, message, severity, fixes} (1-based line and column; each
     *  fix {title, edits: [{from, to, insert, expect}]} is offered as a button in the problem's tooltip). */
    setDiagnostics(json) {
      const doc = view.state.doc;
      const underlines = [];
      const lines = new Map();
      for (const { line: number, column, message, severity, fixes } of JSON.parse(json)) {
        const line = doc.line(Math.min(Math.max(number, 1), doc.lines));
        const from = Math.min(line.from + Math.max(column - 1, 0), line.to);
        if (from < line.to) {
          underlines.push(Decoration.mark({ class: "cm-lintRange cm-lintRange-" + severity, message, severity, fixes }).range(from, line.to));
        }
        const seen = lines.get(line.from);
        lines.set(line.from, seen
          ? { severity: seen.severity === "error" ? "error" : severity, messages: seen.messages + "\n" + message }
          : { severity, messages: message });
      }
      const markers = [...lines].map(([at, { severity, messages }]) => new ProblemMarker(severity, messages).range(at));
      view.dispatch({ effects: setProblems.of({ underlines: Decoration.set(underlines, true), markers: RangeSet.of(markers, true) }) });
    },
    setReadOnly(readOnly) {
      ro = readOnly;
      view.dispatch({ effects: editable.reconfigure(editableExtensions(ro)) });
    },
    /** Applies a fix's edits (JSON, as in setDiagnostics) as one undoable change; false when they no longer fit. */
    applyEdits(json) {
      const applied = applyEdits(view, JSON.parse(json));
      view.focus();
      return applied;
    },
    /** Applies {edits: [{from, to, insert}], cursor} as one undoable change, moves the cursor and focuses. */
    applyChange(json) {
      const { edits, cursor } = JSON.parse(json);
      view.dispatch({ changes: edits, selection: { anchor: cursor }, scrollIntoView: true, userEvent: "input.insert" });
      view.focus();
    },
    /** Puts the cursor at a 1-based line and column and focuses the editor. */
    goTo(lineNumber, column) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(lineNumber, 1), doc.lines));
      const pos = Math.min(line.from + Math.max(column - 1, 0), line.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    focus() { view.focus(); },
    destroy() {
      narrow.removeEventListener("change", rewrap);
      view.destroy();
    },
  };
}
