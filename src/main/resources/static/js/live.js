// The live pages (the board, an incident) update themselves with htmx over the event stream
// GET /api/v1/stream: see their hx-* and sse-* attributes. No timer here: nothing polls.
(function () {
  // A part of the page the analyst is working in is not replaced (the next change refreshes
  // it): an open resolve form, a focused field, or a field typed into and not yet sent.
  function inUse(part) {
    const active = document.activeElement;
    if (active && part.contains(active) && active.matches('input, textarea, select')) {
      return true;
    }
    if (part.querySelector('details.resolve[open]')) {
      return true;
    }
    return Array.from(part.querySelectorAll('textarea, input[type=text], input:not([type])'))
      .some(function (field) { return field.value !== field.defaultValue; });
  }

  // What the analyst sends is no longer unsent: a posted form's fields stop holding back the
  // update its answer brings.
  document.addEventListener('htmx:beforeRequest', function (event) {
    const form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest('form') : null;
    if (form && (event.detail.requestConfig || {}).verb === 'post') {
      Array.from(form.querySelectorAll('textarea, input')).forEach(function (field) {
        field.defaultValue = field.value;
      });
    }
  });

  document.addEventListener('htmx:oobBeforeSwap', function (event) {
    if (inUse(event.detail.target)) {
      event.detail.shouldSwap = false;
    }
  });

  // The board's "all alerts resolved — resolve?" link opens the resolve form.
  if (window.location.hash === '#resolve') {
    const resolve = document.getElementById('resolve');
    if (resolve) {
      resolve.open = true;
    }
  }

  // The board's "live" mark says whether the stream is connected.
  function liveState(text, connected) {
    const mark = document.getElementById('live-state');
    if (mark) {
      mark.textContent = text;
      mark.classList.toggle('offline', !connected);
    }
  }
  document.addEventListener('htmx:sseOpen', function () { liveState('live', true); });
  document.addEventListener('htmx:sseError', function () { liveState('reconnecting…', false); });
})();
