// Ploeg: a little progressive enhancement. Every action works without this file: these are
// shortcuts (drag-and-drop on the planbord, a progress line while planning).
(function () {
  'use strict';

  // A form with data-progress shows how planning goes while the server plans (without this script
  // the page simply waits for the answer). With data-run (the plan id) and data-limit (seconds) it
  // asks the server every second: the phase, the best plan so far and the time left against the
  // limit, on a progress bar and two lines below it; a live region for screen readers is updated
  // every five seconds only, so they are not flooded. Without an answer the bar shows the time against the limit.
  var nl = function (x) { return Number(x).toLocaleString('nl-NL', { maximumFractionDigits: 1 }); };
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var box = form.parentElement.querySelector('.progress');
      if (!box) { return; }
      var bar = box.querySelector('progress');
      var line1 = box.querySelector('.ptext');
      var detail = box.querySelector('.pdetail');
      var live = box.querySelector('[aria-live]');
      var started = Date.now();
      var text = form.getAttribute('data-progress');
      var limit = Number(form.getAttribute('data-limit')) || 0;
      var run = form.getAttribute('data-run');
      var last = null;
      var spoken = 0;
      box.hidden = false;
      if (!limit) { bar.removeAttribute('value'); }
      var show = function () {
        var secs = (Date.now() - started) / 1000;
        if (last && last.running) { secs = last.elapsed; limit = last.limit || limit; }
        var line = text + ' ' + Math.round(secs) + ' s';
        var more = '';
        if (limit) {
          var pct = Math.min(100, Math.round(100 * secs / limit));
          bar.value = pct;
          bar.setAttribute('aria-valuetext', pct + ' procent van de tijdslimiet');
          line += ' van hoogstens ' + nl(limit) + ' s' + (secs < limit ? ' (nog hoogstens ' + Math.ceil(limit - secs) + ' s)' : '; het plan wordt opgeslagen');
        }
        if (last && last.running) {
          if (last.phase === 'start') {
            more = 'Eerste plan maken…';
          } else {
            more = (last.phase === 'optimaal' ? 'Beste plan gevonden (kan niet beter): ' : 'Plan verbeteren: ') +
              'score ' + nl(last.best) + ' (eerste plan ' + nl(last.first) + ', ondergrens ' + nl(last.lowerBound) + '; lager is beter), ' +
              nl(last.steps) + ' stappen.';
          }
        }
        line1.textContent = line;
        detail.textContent = more;
        if (Date.now() - spoken >= 5000) {
          spoken = Date.now();
          live.textContent = line + (more ? '. ' + more : '');
        }
      };
      show();
      setInterval(function () {
        if (run && window.fetch) {
          fetch('/voortgang/' + encodeURIComponent(run), { credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (v) { if (v) { last = v; } })
            .catch(function () {});
        }
        show();
      }, 1000);
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    });
  });

  // Date fields take dd-mm-jjjj; beside each the date in words ("ma 30 nov 2026"), kept up to date.
  var words = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  document.querySelectorAll('input[data-date]').forEach(function (input) {
    var out = document.getElementById(input.id + '-word');
    if (!out) { return; }
    input.addEventListener('input', function () {
      var v = input.value.trim();
      var m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v) || /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      var d = null;
      if (m) {
        var iso = m[1].length === 4 ? [+m[1], +m[2], +m[3]] : [+m[3], +m[2], +m[1]];
        d = new Date(Date.UTC(iso[0], iso[1] - 1, iso[2]));
        if (d.getUTCMonth() !== iso[1] - 1 || d.getUTCDate() !== iso[2]) { d = null; }
      }
      out.textContent = d ? words.format(d).replace(/\./g, '') : (v ? 'geen datum: typ dag-maand-jaar' : '');
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

  // Drag a card onto another shift: the same POST as the "Verplaats naar…" form. While a card is
  // dragged, the shifts the person may not work say "niet geschikt" (never why) and full ones "vol";
  // they do not take the card. The answer comes from the server (the same as the move page).
  var board = document.getElementById('board');
  if (!board || !board.hasAttribute('data-edit') || !board.getAttribute('data-plan')) { return; }
  // Cards become draggable only here, so the page carries no attribute it cannot use without script.
  board.querySelectorAll('li.c').forEach(function (li) { li.draggable = true; });
  var dragged = null;
  var targets = {};
  var marks = function (card) {
    var id = card.id.slice(2);
    if (targets[id]) { return targets[id]; }
    targets[id] = fetch('/planbord/' + board.getAttribute('data-date') + '/doelen/' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
    return targets[id];
  };
  var clearMarks = function () {
    board.querySelectorAll('.shift.nodrop, .shift.full').forEach(function (s) { s.classList.remove('nodrop', 'full'); });
    board.querySelectorAll('.dropmark').forEach(function (m) { m.remove(); });
  };
  var mark = function (shift, cls, text) {
    shift.classList.add(cls);
    var p = document.createElement('p');
    p.className = 'dropmark';
    p.innerHTML = '<span aria-hidden="true">⊘ </span>';
    p.appendChild(document.createTextNode(text));
    shift.insertBefore(p, shift.firstChild);
  };
  // Ask as soon as the pointer goes down on a card, so the answer is there when the drag starts.
  board.addEventListener('pointerdown', function (e) {
    var card = e.target.closest && e.target.closest('li.c[draggable]');
    if (card) { marks(card); }
  });
  board.addEventListener('dragstart', function (e) {
    var card = e.target.closest && e.target.closest('li.c[draggable]');
    if (!card) { return; }
    dragged = card;
    card.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.id.slice(2));
    marks(card).then(function (t) {
      if (!t || dragged !== card) { return; }
      board.querySelectorAll('.shift[data-shift]').forEach(function (s) {
        var id = s.getAttribute('data-shift');
        if (t.nietGeschikt.indexOf(id) >= 0) { mark(s, 'nodrop', 'niet geschikt'); } else if (t.vol.indexOf(id) >= 0) { mark(s, 'full', 'vol'); }
      });
    });
  });
  board.addEventListener('dragend', function () {
    if (dragged) { dragged.classList.remove('dragging'); }
    dragged = null;
    clearMarks();
  });
  var open = function (shift) { return shift && !shift.classList.contains('nodrop') && !shift.classList.contains('full'); };
  board.addEventListener('dragover', function (e) {
    var shift = e.target.closest && e.target.closest('.shift');
    if (dragged && open(shift)) { e.preventDefault(); shift.classList.add('drop'); }
  });
  board.addEventListener('dragleave', function (e) {
    var shift = e.target.closest && e.target.closest('.shift');
    if (shift) { shift.classList.remove('drop'); }
  });
  board.addEventListener('drop', function (e) {
    var shift = e.target.closest && e.target.closest('.shift');
    if (!dragged || !open(shift)) { return; }
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
