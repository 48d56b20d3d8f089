// Inlined into index.html's <head> by apps/web/vite.config.ts: on the home page, the search the URL
// describes is requested at once, while the first bundle is still downloading; HomePage.tsx takes
// the answer when its own query is the same (prefetchedSearch), else asks as usual. The rules
// mirror HomePage.tsx's fromUrl(); a difference only costs the head start. Plain ES5, no imports.
// When the answer comes before the app has rendered (a slow link or a slow device), the results'
// titles and providers are shown at once as plain links, in the home page's own classes
// (public.css, in the first stylesheet): a reader sees them, and can follow them, seconds before
// the app is ready. React replaces #root's content with the whole page when it first renders.
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
    var answer = fetch('/api/v1/search/offerings?' + qs, { headers: { accept: 'application/json', 'accept-language': lang } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
    var entry = { key: key, answer: answer, data: null };
    window.__innoserveSearch = entry;
    answer.then(function (data) {
      entry.data = data; // HomePage's first render takes it at once (no skeleton) when it has come
      if (document.readyState !== 'loading') return early(data);
      document.addEventListener('readystatechange', function once() {
        document.removeEventListener('readystatechange', once);
        early(data);
      });
    });
  } catch (e) {
    /* the page asks itself */
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  /** The results as plain links while the app loads (text only: nothing from the answer is parsed as HTML). */
  function early(data) {
    try {
      var root = document.getElementById('root');
      if (!root || root.firstChild || !data || !data.items || !data.items.length) return;
      var wrap = el('div', 'pub-early');
      wrap.setAttribute('data-testid', 'search-early');
      wrap.appendChild(el('div', 'app-header pub-early-header'));
      var main = el('div', 'app-content');
      var list = el('ol', 'pub-results pub-early-results');
      list.setAttribute('aria-busy', 'true');
      for (var i = 0; i < data.items.length && i < 10; i++) {
        var it = data.items[i];
        var li = el('li', 'pub-result');
        var h = el('h3', 'pub-result-title');
        // the Element Timing API reports when this title is painted (bench/web)
        h.setAttribute('elementtiming', 'search-result-early');
        var a = el('a', '', String(it.title));
        a.href = '/offerings/' + encodeURIComponent(it.id);
        h.appendChild(a);
        li.appendChild(h);
        if (it.provider && it.provider.name) {
          var meta = el('div', 'pub-result-meta');
          var p = el('a', 'pub-result-provider', String(it.provider.name));
          p.href = '/providers/' + encodeURIComponent(it.provider.id);
          meta.appendChild(p);
          li.appendChild(meta);
        }
        list.appendChild(li);
      }
      main.appendChild(list);
      wrap.appendChild(main);
      root.appendChild(wrap);
    } catch (e) {
      /* the app shows them */
    }
  }
})();
