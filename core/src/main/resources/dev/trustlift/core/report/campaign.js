(function () {
  var state = document.getElementById('f-state');
  var text = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  var cards = document.querySelectorAll('.card[data-state]');
  function matches(el) {
    var s = state.value, t = text.value.trim().toLowerCase();
    if (s && el.getAttribute('data-state') !== s) return false;
    if (t && el.getAttribute('data-name').indexOf(t) < 0) return false;
    return true;
  }
  function apply() {
    var shown = 0;
    document.querySelectorAll('tr.vm').forEach(function (row) {
      var ok = matches(row); row.classList.toggle('hidden', !ok); if (ok) shown++;
    });
    document.querySelectorAll('details.vmcard').forEach(function (d) { d.classList.toggle('hidden', !matches(d)); });
    cards.forEach(function (c) { c.classList.toggle('on', c.getAttribute('data-state') === state.value); });
    count.textContent = shown + ' of ' + document.querySelectorAll('tr.vm').length + ' VMs';
    if (history.replaceState && (state.value || /^#state=/.test(location.hash))) history.replaceState(null, '', state.value ? '#state=' + state.value : location.pathname);
  }
  // A link such as report.html#state=FAILED opens with that filter set.
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var p = kv.split('='), value = decodeURIComponent(p[1] || '');
    if (p[0] === 'state' && Array.prototype.some.call(state.options, function (o) { return o.value === value; })) state.value = value;
  });
  cards.forEach(function (c) {
    c.addEventListener('click', function () {
      state.value = state.value === c.getAttribute('data-state') ? '' : c.getAttribute('data-state');
      apply();
    });
  });
  state.addEventListener('change', apply);
  text.addEventListener('input', apply);
  apply();
})();
