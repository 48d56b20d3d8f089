// Inlined into index.html's <head> by apps/web/vite.config.ts: on the home page, the search the URL
// describes is requested at once, while the first bundle is still downloading; HomePage.tsx takes
// the answer when its own query is the same (prefetchedSearch), else asks as usual. The rules
// mirror HomePage.tsx's fromUrl(); a difference only costs the head start. Plain ES5, no imports.
(function () {
  try {
    var l = window.location;
    if (l.pathname !== '/' && l.pathname !== '/search') return;
    var sp = new URLSearchParams(l.search);
    var q = { pageSize: '10' };
    var text = (sp.get('q') || '').trim().slice(0, 200);
    if (text) q.q = text;
    ['category', 'providerType', 'region', 'qualification', 'program'].forEach(function (k) {
      if (sp.get(k)) q[k] = sp.get(k);
    });
    ['priceMinFen', 'priceMaxFen', 'leadTimeMaxDays'].forEach(function (k) {
      var v = sp.get(k);
      if (v !== null && /^\d+$/.test(v)) q[k] = String(Number(v));
    });
    var sort = sp.get('sort');
    if (sort && ['relevance', 'price_asc', 'price_desc', 'rating', 'newest'].indexOf(sort) >= 0) q.sort = sort;
    var page = sp.get('page');
    if (page && /^\d+$/.test(page) && Number(page) > 1) q.page = String(Number(page));
    var key = Object.keys(q).sort().map(function (k) { return k + '=' + q[k]; }).join('&');
    var qs = new URLSearchParams(q).toString();
    var lang = 'zh';
    try { lang = localStorage.getItem('innoserve.lang') === 'en-US' ? 'en' : 'zh'; } catch (e) { /* private mode */ }
    window.__innoserveSearch = {
      key: key,
      answer: fetch('/api/v1/search/offerings?' + qs, { headers: { accept: 'application/json', 'accept-language': lang } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; }),
    };
  } catch (e) {
    /* the page asks itself */
  }
})();
