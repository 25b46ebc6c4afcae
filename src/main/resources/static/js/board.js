// Keeps the board live: fetches only the table rows (the server answers a request with the
// HX-Request header with the fragment) and swaps them in.
(function () {
  const table = document.querySelector('table[data-refresh]');
  if (!table) {
    return;
  }
  const every = parseInt(table.dataset.refresh, 10) || 5000;
  async function refresh() {
    try {
      const response = await fetch(window.location.pathname, { headers: { 'HX-Request': 'true' } });
      if (response.ok) {
        const body = document.getElementById('board-rows');
        const holder = document.createElement('table');
        holder.innerHTML = await response.text();
        const rows = holder.querySelector('tbody');
        if (body && rows) {
          body.replaceWith(rows);
        }
      }
    } catch (e) {
      // The server may be restarting; try again at the next tick.
    }
  }
  setInterval(refresh, every);
})();
