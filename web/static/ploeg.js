// Ploeg: a little progressive enhancement. Every action works without this file: these are
// shortcuts (drag-and-drop on the planbord, a progress line while planning).
(function () {
  'use strict';

  // A form with data-progress shows a progress line while the server plans.
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var box = form.parentElement.querySelector('.progress');
      if (!box) { return; }
      var started = Date.now();
      var text = form.getAttribute('data-progress');
      box.hidden = false;
      box.innerHTML = '<progress aria-hidden="true"></progress><span></span>';
      var span = box.querySelector('span');
      var tick = function () {
        span.textContent = text + ' ' + Math.round((Date.now() - started) / 1000) + ' s';
      };
      tick();
      setInterval(tick, 1000);
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    });
  });

  // Two people on one day: the open planbord asks every 20 s whether the day's plan changed, and
  // says so with a reload button. A change on an old version is refused by the server anyway.
  var changed = document.getElementById('changed');
  var boardEl = document.getElementById('board');
  if (changed && boardEl && window.fetch) {
    var shown = boardEl.getAttribute('data-version') || '0';
    var poll = function () {
      fetch('/planbord/' + boardEl.getAttribute('data-date') + '/versie', { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (v) {
          if (!v || String(v.version) === shown || !changed.hidden) { return; }
          changed.innerHTML = '<p><span aria-hidden="true">⚠ </span><strong></strong> <button type="button">Herlaad</button></p>';
          changed.querySelector('strong').textContent = 'De dag is intussen gewijzigd door ' + (v.actor || 'een collega') + ' — herlaad.';
          changed.querySelector('button').addEventListener('click', function () { window.location.reload(); });
          changed.hidden = false;
        })
        .catch(function () {});
    };
    setInterval(poll, 20000);
  }

  // Drag a card onto another shift: the same POST as the "Verplaats naar…" form.
  var board = document.getElementById('board');
  if (!board || !board.getAttribute('data-plan')) { return; }
  // Cards become draggable only here, so the page carries no attribute it cannot use without script.
  board.querySelectorAll('li.c').forEach(function (li) { li.draggable = true; });
  var dragged = null;
  board.addEventListener('dragstart', function (e) {
    var card = e.target.closest && e.target.closest('li.c[draggable]');
    if (!card) { return; }
    dragged = card;
    card.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.id.slice(2));
  });
  board.addEventListener('dragend', function () {
    if (dragged) { dragged.classList.remove('dragging'); }
    dragged = null;
  });
  board.addEventListener('dragover', function (e) {
    var shift = e.target.closest && e.target.closest('.shift');
    if (shift && dragged) { e.preventDefault(); shift.classList.add('drop'); }
  });
  board.addEventListener('dragleave', function (e) {
    var shift = e.target.closest && e.target.closest('.shift');
    if (shift) { shift.classList.remove('drop'); }
  });
  board.addEventListener('drop', function (e) {
    var shift = e.target.closest && e.target.closest('.shift');
    if (!shift || !dragged) { return; }
    e.preventDefault();
    shift.classList.remove('drop');
    if (dragged.closest('.shift') === shift) { return; }
    var f = document.createElement('form');
    f.method = 'post';
    f.action = '/planbord/' + board.getAttribute('data-date') + '/verplaats';
    var fields = {
      csrf: board.querySelector('input[name=csrf]').value,
      plan: board.getAttribute('data-plan'),
      version: board.getAttribute('data-version'),
      employee: dragged.id.slice(2),
      shift: shift.getAttribute('data-shift')
    };
    Object.keys(fields).forEach(function (k) {
      var i = document.createElement('input');
      i.type = 'hidden'; i.name = k; i.value = fields[k];
      f.appendChild(i);
    });
    document.body.appendChild(f);
    f.submit();
  });
})();
