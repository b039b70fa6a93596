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
