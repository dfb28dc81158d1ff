(function () {
  var verdict = document.getElementById('f-verdict');
  var rule = document.getElementById('f-rule');
  var text = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  var cards = document.querySelectorAll('.card[data-verdict]');
  var bars = document.querySelectorAll('.bar[data-rule]');
  function matches(el) {
    var v = verdict.value, r = rule.value, t = text.value.trim().toLowerCase();
    if (v && el.getAttribute('data-verdict') !== v) return false;
    if (r && (' ' + el.getAttribute('data-rules') + ' ').indexOf(' ' + r + ' ') < 0) return false;
    if (t && el.getAttribute('data-name').indexOf(t) < 0) return false;
    return true;
  }
  function apply() {
    var shown = 0;
    document.querySelectorAll('tr.vm').forEach(function (row) {
      var ok = matches(row); row.classList.toggle('hidden', !ok); if (ok) shown++;
    });
    document.querySelectorAll('details.vmcard').forEach(function (d) { d.classList.toggle('hidden', !matches(d)); });
    document.querySelectorAll('.finding[data-rule]').forEach(function (f) {
      f.classList.toggle('hidden', rule.value !== '' && f.getAttribute('data-rule') !== rule.value);
    });
    cards.forEach(function (c) { c.classList.toggle('on', c.getAttribute('data-verdict') === verdict.value); });
    bars.forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-rule') === rule.value); });
    count.textContent = shown + ' of ' + document.querySelectorAll('tr.vm').length + ' VMs';
    var hash = [];
    if (verdict.value) hash.push('verdict=' + verdict.value);
    if (rule.value) hash.push('rule=' + rule.value);
    if (history.replaceState) history.replaceState(null, '', hash.length ? '#' + hash.join('&') : location.pathname);
  }
  // A link such as report.html#verdict=BLOCKED&rule=TL020 opens with those filters set.
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var p = kv.split('='), value = decodeURIComponent(p[1] || '');
    var select = p[0] === 'verdict' ? verdict : p[0] === 'rule' ? rule : null;
    if (select && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
  });
  cards.forEach(function (c) {
    c.addEventListener('click', function () {
      verdict.value = verdict.value === c.getAttribute('data-verdict') ? '' : c.getAttribute('data-verdict');
      apply();
    });
  });
  bars.forEach(function (b) {
    b.addEventListener('click', function () {
      rule.value = rule.value === b.getAttribute('data-rule') ? '' : b.getAttribute('data-rule');
      apply();
    });
  });
  [verdict, rule].forEach(function (s) { s.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  apply();
})();
