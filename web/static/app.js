// tirage's web app: one code path above a small back-end interface,
// backend.call(op, request, onProgress) → Promise of the result, which is
// either the local JSON API of `tirage ui` (HTTP) or the engine compiled to
// WebAssembly in a Web Worker (static build). No request leaves the page's
// origin; nothing is stored beyond the tab.
(function () {
  'use strict';

  var T = {
    en: {
      'skip': 'Skip to the form', 'nav': 'Pages',
      'nav.select': 'Select', 'nav.draw': 'Draw', 'nav.verify': 'Verify', 'nav.compare': 'Compare',
      'result.h2': 'Result', 'result.public': 'Download the public files (zip)', 'result.private': 'Download the private files (zip)',
      'result.publicHelp': 'Publish the public zip as it is: it holds no personal data. Keep the private zip: it holds the panel\'s names and contacts.',
      'result.report': 'The report', 'result.openReport': 'Open the report in a new tab',
      'backend.native': 'The engine runs on this computer (tirage ui). Your files do not leave it.',
      'backend.loading': 'Loading the engine into this page… {pct}',
      'backend.wasm': 'The engine runs inside this page (WebAssembly). Your files do not leave this computer.',
      'backend.failed': 'The engine could not be loaded: {msg}',
      'check.running': 'Checking the files…',
      'check.summary': '{people} people in the pool; a panel of {k} ({share} of the pool).',
      'check.households': '{households} households; {shared} with 2 or more people; the largest has {largest}.',
      'check.category': 'Category', 'check.value': 'Value', 'check.pool': 'In the pool', 'check.share': 'Share',
      'check.min': 'Min', 'check.max': 'Max', 'check.short': 'fewer in the pool than the min',
      'check.feasible': 'The quotas can be met: a panel of {k} that meets them all exists (exact search).',
      'check.feasibleRelaxed': 'With the relaxation applied, the quotas can be met. The bounds above are the relaxed ones; the selection records the relaxation.',
      'check.infeasible': 'The quotas cannot be met: no panel of {k} people meets them all (exact search).',
      'check.conflicts': 'These bounds conflict: each set cannot hold together, but without any one of its bounds the rest can.',
      'check.relaxation': 'Smallest relaxation: {seats} {seatWord} in all (no smaller change of the bounds within min_flex and max_flex lets a panel meet them):',
      'check.apply': 'Apply this relaxation',
      'check.relaxedFile': 'Download the relaxed quota file',
      'check.noRelaxation': 'No relaxation within min_flex and max_flex helps: {reason}.',
      'check.excluded': '{n} people can be on no panel that meets the quotas, and would have no chance of selection:',
      'check.nobodyExcluded': 'Everyone in the pool is on some panel that meets the quotas: nobody is left without a chance.',
      'check.line': 'line {line}',
      'seat': 'seat', 'seats': 'seats',
      'error.problems': 'The files have problems; fix them and choose the files again:',
      'error.generic': 'Error: {msg}',
      'error.choose': 'Choose the pool file, the quota file and the panel size first.',
      'error.chooseBundle': 'Choose the bundle first: its zip, or its files.',
      'error.chooseDraw': 'Choose the committed selection and its pool file first.',
      'error.endedEarly': 'the answer ended early',
      'error.tooLarge': 'the files are too large to send, or cannot be read',
      'engine.notStarted': 'the engine did not start',
      'engine.notLoaded': 'the engine could not be loaded: {msg}',
      'progress.start': 'Starting…',
      'progress.lottery': 'Computing the lottery: {phase}, step {iteration}{lower} ({seconds} s)',
      'progress.lower': ', lowest chance so far {pct}',
      'progress.files': 'Writing the files…',
      'progress.draw': 'Drawing…',
      'progress.verify': 'Checking {phase} ({seconds} s)',
      'progress.check': 'Checking the quotas…',
      'select.running': 'Running the selection…',
      'select.done': 'Done in {seconds} s.',
      'result.minimum': 'Minimum probability of selection: {pct}',
      'result.equal': 'Equal chances would be {pct} ({k} of {people}).',
      'result.algorithm': 'Objective: {algorithm}.',
      'result.bound': 'Certified: no lottery gives the least likely a chance above {pct}.',
      'result.noBound': 'This objective has no optimality certificate.',
      'result.uniform': 'Drawn from {m} panels, each with probability 1/{m}; the smallest chance among them is {pct}.',
      'result.commitment': 'Commitment: {c}',
      'result.drawn': 'Drawn: panel {index} of {m} (counting from 0), {selected} people, with the seed “{seed}” ({kind}).',
      'result.alternates': '{n} ranked alternates.',
      'result.generated': 'The seed was generated on this computer: it is not public, so the draw is only as trustworthy as whoever ran it. For a draw others can trust, commit first, announce the seed, then draw.',
      'result.notDrawn': 'Not drawn yet: publish the commitment (the public zip), then draw on the Draw page once the seed is public.',
      'result.relaxed': 'The quotas were relaxed (recorded in audit.json):',
      'result.zero': '{n} people cannot be selected (probability 0); the report says why.',
      'result.nobodyZero': 'Nobody has zero probability.',
      'kind.text': 'text announced', 'kind.rfc3797': 'public numbers, RFC 3797', 'kind.generated': 'generated on this computer',
      'seedHelp.text': 'Type the seed exactly as announced.',
      'seedHelp.numbers': 'Type the numbers: sources separated by “/”, numbers by spaces or commas.',
      'seedHelp.generate': 'tirage makes a random seed here. Nobody else sees it made: prefer a public seed.',
      'seedHelp.commit': 'The lottery is committed without a draw. Publish the public zip, then draw on the Draw page with the announced seed.',
      'select.poolSheet': 'Sheet of the pool (Excel only; empty for the first sheet)',
      'select.quotasSheet': 'Sheet of the quotas (Excel only; empty for the first sheet)',
      'select.idColumn': 'Column of the ids (optional: empty for the column “id”, or row numbers when there is none)',
      'verify.chain': 'A replacement, verified with the {n} {selectionWord} it replaces: every step was re-solved.',
      'selection': 'selection', 'selections': 'selections',
      'check.ids': '{count} of the {of} ids (column “{column}”) look like {what}, such as “{example}”.',
      'check.idsNames': 'The ids are read from the column “{column}”, which holds people’s names (such as “{example}”).',
      'check.idsHelp': 'The ids are published: they are in audit.json and every public file. Give each volunteer an opaque id instead (a column such as ref holding P0001, P0002, …, named in “Column of the ids”), and keep the pool, which links the ids to people, private.',
      'ids.email': 'e-mail addresses', 'ids.phone': 'phone numbers', 'ids.name': 'people’s names',
      'verify.running': 'Verifying…',
      'verify.ok': 'Verified: all {n} checks passed.',
      'verify.failed': 'NOT VERIFIED: {failed} of {n} checks FAILED.',
      'verify.absentNote': 'Not in the bundle, so not checked (not a failure): {names}. Everything the record claims was checked from the record itself.',
      'verify.inputsNone': 'The input files were not checked against the record; choose the pool and quota files to check them.',
      'verify.inputsPool': 'The pool file was not checked against the record; choose it to check it.',
      'verify.inputsQuotas': 'The quota file was not checked against the record; choose it to check it.',
      'verify.cannot': 'What these checks cannot prove',
      'status.OK': 'OK', 'status.FAILED': 'FAILED', 'status.ABSENT': 'not checked',
      'compare.running': 'Comparing the objectives…',
      'compare.head': '{people} people; panel of {k}; equal chances would be {pct}.',
      'compare.objective': 'Objective', 'compare.lowest': 'Lowest', 'compare.highest': 'Highest', 'compare.gini': 'Gini',
      'compare.geo': 'Geometric mean', 'compare.below': 'Below k/n', 'compare.cert': 'Certificate', 'compare.time': 'Time',
      'compare.yes': 'yes', 'compare.no': 'no', 'compare.estimated': 'estimated', 'compare.failed': 'failed',
      'draw.running': 'Drawing…'
    },
    fr: {
      'title.select': 'Tirer un panel · tirage', 'title.verify': 'Vérifier un tirage · tirage', 'title.draw': 'Tirer une loterie engagée · tirage', 'title.compare': 'Comparer les objectifs · tirage',
      'skip': 'Aller au formulaire', 'nav': 'Pages',
      'nav.select': 'Tirage', 'nav.draw': 'Tirage différé', 'nav.verify': 'Vérifier', 'nav.compare': 'Comparer',
      'select.h1': 'Tirer un panel au sort',
      'select.lead': 'Choisissez la liste des volontaires et les quotas. Tout se passe sur cet ordinateur : les fichiers ne le quittent pas.',
      'select.files': '1. Les fichiers', 'select.pool': 'Liste des volontaires (CSV ou Excel)', 'select.quotas': 'Quotas (CSV ou Excel)',
      'select.k': 'Taille du panel (nombre de personnes à tirer)',
      'select.households': 'Colonnes du foyer (facultatif, séparées par des virgules : au plus une personne par foyer)',
      'select.options': '2. La loterie', 'select.algorithm': 'Objectif d’équité',
      'alg.leximin': 'leximin (par défaut : les chances les plus basses aussi hautes que possible, puis les suivantes)',
      'alg.maximin': 'maximin (la chance la plus basse aussi haute que possible)',
      'alg.nash': 'nash (le produit des chances)',
      'alg.goldilocks': 'goldilocks (des chances proches de l’égalité, par-dessous et par-dessus)',
      'alg.legacy': 'legacy (la procédure gloutonne d’avant 2020, estimée)',
      'select.alternates': 'Suppléants à classer (0 pour aucun)',
      'select.organisation': 'Organisation (en tête du rapport)', 'select.contact': 'Contact (en tête du rapport)',
      'select.seed': '3. La graine du tirage', 'select.seedSource': 'D’où vient la graine',
      'seed.text': 'un texte choisi en public (utilisé tel quel)', 'seed.numbers': 'des numéros de loterie publics (RFC 3797)',
      'seed.generate': 'générée sur cet ordinateur (non publique)', 'seed.commit': 's’engager maintenant, tirer plus tard avec la graine publique',
      'select.seedText': 'Graine',
      'select.announcement': 'Source annoncée de la graine (facultatif, enregistrée ; par exemple « tirage de l’EuroMillions du 24 avril 2026 »)',
      'select.run': 'Lancer le tirage',
      'check.h2': 'Vérification des fichiers',
      'result.h2': 'Résultat', 'result.public': 'Télécharger les fichiers publics (zip)', 'result.private': 'Télécharger les fichiers privés (zip)',
      'result.publicHelp': 'Publiez le zip public tel quel : il ne contient aucune donnée personnelle. Gardez le zip privé : il contient les noms et coordonnées du panel.',
      'result.report': 'Le rapport', 'result.openReport': 'Ouvrir le rapport dans un nouvel onglet',
      'verify.h1': 'Vérifier un tirage', 'verify.lead': 'Vérifiez un tirage publié à partir de ses seuls fichiers, sans rien leur accorder de confiance. Rien ne quitte cet ordinateur.',
      'verify.files': 'Les fichiers publiés', 'verify.bundle': 'Le dossier publié : son zip, ou ses fichiers (audit.json et les fichiers à côté). Pour un remplacement, choisissez son zip et les zips des tirages qu’il remplace.',
      'verify.pool': 'La liste des volontaires (facultatif : pour vérifier que c’est bien celle utilisée)', 'verify.quotas': 'Le fichier de quotas (facultatif)',
      'verify.run': 'Vérifier', 'verify.result': 'Vérification',
      'draw.h1': 'Tirer une loterie engagée', 'draw.lead': 'Une fois publique la graine annoncée avec l’engagement, tirez le panel de la loterie engagée.',
      'draw.files': 'Le tirage engagé', 'draw.bundle': 'Son zip privé, ou ses fichiers (au moins audit.json)', 'draw.pool': 'La liste des volontaires de l’engagement',
      'draw.seedLegend': 'La graine publique', 'draw.run': 'Tirer',
      'compare.h1': 'Comparer les objectifs d’équité', 'compare.lead': 'La loterie de chaque objectif sur la même liste, côte à côte. Rien n’est tiré.', 'compare.run': 'Comparer',
      'backend.native': 'Le moteur tourne sur cet ordinateur (tirage ui). Vos fichiers ne le quittent pas.',
      'backend.loading': 'Chargement du moteur dans la page… {pct}',
      'backend.wasm': 'Le moteur tourne dans cette page (WebAssembly). Vos fichiers ne quittent pas cet ordinateur.',
      'backend.failed': 'Le moteur n’a pas pu être chargé : {msg}',
      'check.running': 'Vérification des fichiers…',
      'check.summary': '{people} personnes dans la liste ; un panel de {k} ({share} de la liste).',
      'check.households': '{households} foyers ; {shared} de 2 personnes ou plus ; le plus grand en compte {largest}.',
      'check.category': 'Catégorie', 'check.value': 'Valeur', 'check.pool': 'Dans la liste', 'check.share': 'Part',
      'check.min': 'Min', 'check.max': 'Max', 'check.short': 'moins de personnes dans la liste que le minimum',
      'check.feasible': 'Les quotas peuvent être respectés : un panel de {k} qui les respecte tous existe (recherche exacte).',
      'check.feasibleRelaxed': 'Avec l’assouplissement appliqué, les quotas peuvent être respectés. Les bornes ci-dessus sont les bornes assouplies ; le tirage enregistre l’assouplissement.',
      'check.infeasible': 'Les quotas ne peuvent pas être respectés : aucun panel de {k} personnes ne les respecte tous (recherche exacte).',
      'check.conflicts': 'Ces bornes sont en conflit : chaque ensemble ne peut tenir, mais sans l’une quelconque de ses bornes le reste le peut.',
      'check.relaxation': 'Plus petit assouplissement : {seats} {seatWord} au total (aucun changement plus petit des bornes, dans min_flex et max_flex, ne permet un panel) :',
      'check.apply': 'Appliquer cet assouplissement',
      'check.relaxedFile': 'Télécharger le fichier de quotas assoupli',
      'check.noRelaxation': 'Aucun assouplissement dans min_flex et max_flex ne suffit : {reason}.',
      'check.excluded': '{n} personnes ne peuvent figurer dans aucun panel qui respecte les quotas, et n’auraient aucune chance d’être tirées :',
      'check.nobodyExcluded': 'Chacun figure dans au moins un panel qui respecte les quotas : personne n’est laissé sans chance.',
      'check.line': 'ligne {line}',
      'seat': 'siège', 'seats': 'sièges',
      'error.problems': 'Les fichiers ont des problèmes ; corrigez-les et choisissez à nouveau les fichiers :',
      'error.generic': 'Erreur : {msg}',
      'error.choose': 'Choisissez d’abord la liste des volontaires, le fichier de quotas et la taille du panel.',
      'error.chooseBundle': 'Choisissez d’abord le dossier publié : son zip, ou ses fichiers.',
      'error.chooseDraw': 'Choisissez d’abord le tirage engagé et sa liste de volontaires.',
      'error.endedEarly': 'la réponse s’est arrêtée avant la fin',
      'error.tooLarge': 'les fichiers sont trop gros pour être envoyés, ou ne peuvent pas être lus',
      'engine.notStarted': 'le moteur n’a pas démarré',
      'engine.notLoaded': 'le moteur n’a pas pu être chargé : {msg}',
      'progress.start': 'Démarrage…',
      'progress.lottery': 'Calcul de la loterie : {phase}, étape {iteration}{lower} ({seconds} s)',
      'progress.lower': ', plus basse chance à ce stade {pct}',
      'progress.files': 'Écriture des fichiers…', 'progress.draw': 'Tirage…',
      'progress.verify': 'Vérification : {phase} ({seconds} s)', 'progress.check': 'Vérification des quotas…',
      'select.running': 'Tirage en cours…', 'select.done': 'Terminé en {seconds} s.',
      'result.minimum': 'Probabilité minimale d’être tiré : {pct}',
      'result.equal': 'Des chances égales seraient de {pct} ({k} sur {people}).',
      'result.algorithm': 'Objectif : {algorithm}.',
      'result.bound': 'Certifié : aucune loterie ne donne aux moins chanceux une chance supérieure à {pct}.',
      'result.noBound': 'Cet objectif n’a pas de certificat d’optimalité.',
      'result.uniform': 'Tiré parmi {m} panels, chacun avec la probabilité 1/{m} ; la plus petite chance y est de {pct}.',
      'result.commitment': 'Engagement : {c}',
      'result.drawn': 'Tiré : panel {index} sur {m} (en comptant depuis 0), {selected} personnes, avec la graine « {seed} » ({kind}).',
      'result.alternates': '{n} suppléants classés.',
      'result.generated': 'La graine a été générée sur cet ordinateur : elle n’est pas publique, le tirage ne vaut donc que la confiance accordée à qui l’a lancé. Pour un tirage vérifiable, engagez-vous d’abord, annoncez la graine, puis tirez.',
      'result.notDrawn': 'Pas encore tiré : publiez l’engagement (le zip public), puis tirez sur la page « Tirage différé » une fois la graine publique.',
      'result.relaxed': 'Les quotas ont été assouplis (enregistré dans audit.json) :',
      'result.zero': '{n} personnes ne peuvent pas être tirées (probabilité 0) ; le rapport dit pourquoi.',
      'result.nobodyZero': 'Personne n’a une probabilité nulle.',
      'kind.text': 'texte annoncé', 'kind.rfc3797': 'numéros publics, RFC 3797', 'kind.generated': 'générée sur cet ordinateur',
      'seedHelp.text': 'Tapez la graine exactement comme annoncée.',
      'seedHelp.numbers': 'Tapez les numéros : sources séparées par « / », numéros par des espaces ou des virgules.',
      'seedHelp.generate': 'tirage crée ici une graine au hasard. Personne d’autre ne la voit naître : préférez une graine publique.',
      'seedHelp.commit': 'La loterie est engagée sans tirage. Publiez le zip public, puis tirez sur la page « Tirage différé » avec la graine annoncée.',
      'select.poolSheet': 'Feuille de la liste (Excel seulement ; vide pour la première feuille)',
      'select.quotasSheet': 'Feuille des quotas (Excel seulement ; vide pour la première feuille)',
      'select.idColumn': 'Colonne des identifiants (facultatif : vide pour la colonne « id », ou les numéros de ligne s’il n’y en a pas)',
      'verify.folder': 'Ou un dossier : celui du tirage publié, ou un dossier qui contient les dossiers d’un remplacement et des tirages qu’il remplace',
      'verify.chain': 'Un remplacement, vérifié avec {n} {selectionWord} qu’il remplace : chaque étape a été recalculée.',
      'selection': 'tirage', 'selections': 'tirages',
      'check.ids': '{count} des {of} identifiants (colonne « {column} ») ressemblent à des {what}, par exemple « {example} ».',
      'check.idsNames': 'Les identifiants sont lus dans la colonne « {column} », qui contient des noms de personnes (par exemple « {example} »).',
      'check.idsHelp': 'Les identifiants sont publiés : ils figurent dans audit.json et dans chaque fichier public. Donnez plutôt à chaque volontaire un identifiant neutre (une colonne comme ref contenant P0001, P0002, …, indiquée dans « Colonne des identifiants »), et gardez privée la liste, qui relie les identifiants aux personnes.',
      'ids.email': 'adresses électroniques', 'ids.phone': 'numéros de téléphone', 'ids.name': 'noms de personnes',
      'verify.running': 'Vérification…',
      'verify.ok': 'Vérifié : les {n} contrôles sont passés.',
      'verify.failed': 'NON VÉRIFIÉ : {failed} contrôles sur {n} ont échoué (FAILED).',
      'verify.absentNote': 'Absents du dossier, donc non vérifiés (ce n’est pas un échec) : {names}. Tout ce que l’enregistrement affirme a été vérifié à partir de l’enregistrement lui-même.',
      'verify.inputsNone': 'Les fichiers d’entrée n’ont pas été comparés à l’enregistrement ; choisissez la liste et les quotas pour les vérifier.',
      'verify.inputsPool': 'La liste des volontaires n’a pas été comparée à l’enregistrement ; choisissez-la pour la vérifier.',
      'verify.inputsQuotas': 'Le fichier de quotas n’a pas été comparé à l’enregistrement ; choisissez-le pour le vérifier.',
      'verify.cannot': 'Ce que ces contrôles ne peuvent pas prouver',
      'status.OK': 'OK', 'status.FAILED': 'FAILED (échec)', 'status.ABSENT': 'non vérifié',
      'compare.running': 'Comparaison des objectifs…',
      'compare.head': '{people} personnes ; panel de {k} ; des chances égales seraient de {pct}.',
      'compare.objective': 'Objectif', 'compare.lowest': 'Plus basse', 'compare.highest': 'Plus haute', 'compare.gini': 'Gini',
      'compare.geo': 'Moyenne géométrique', 'compare.below': 'Sous k/n', 'compare.cert': 'Certificat', 'compare.time': 'Durée',
      'compare.yes': 'oui', 'compare.no': 'non', 'compare.estimated': 'estimé', 'compare.failed': 'échec',
      'draw.running': 'Tirage…'
    }
  };

  var lang = 'en';

  function t(key, vars) {
    var s = (T[lang] && T[lang][key]) || T.en[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  }

  // fixed writes v with the digits after the point as Go's strconv does
  // (and so the console): a tie goes to the even digit, where toFixed
  // would round it up (217 of 400 is 54.2 %, not 54.3 %).
  function fixed(v, digits) {
    var m = Math.pow(10, digits), scaled = v * m, low = Math.floor(scaled);
    if (scaled - low === 0.5 && low % 2 === 0) {
      return (low / m).toFixed(digits);
    }
    return v.toFixed(digits);
  }

  function pct(x) {
    var s = fixed(100 * x, x < 0.001 && x > 0 ? 3 : 1);
    return lang === 'fr' ? s.replace('.', ',') + '\u202f%' : s + '%';
  }

  function num(x, digits) {
    var s = fixed(x, digits);
    return lang === 'fr' ? s.replace('.', ',') : s;
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function translatePage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (e) {
      var key = e.getAttribute('data-i18n');
      if (lang === 'en' && !T.en[key]) { return; } // the English text is in the page
      if (T[lang][key]) { e.textContent = T[lang][key]; }
    });
    document.querySelectorAll('[data-i18n-aria]').forEach(function (e) {
      var key = e.getAttribute('data-i18n-aria');
      if (T[lang][key]) { e.setAttribute('aria-label', T[lang][key]); }
    });
    document.querySelectorAll('[data-i18n-title]').forEach(function (e) {
      var key = e.getAttribute('data-i18n-title');
      if (T[lang][key]) { e.setAttribute('title', T[lang][key]); }
    });
  }

  // ---- The parts every page shares ----

  // header returns the page's header: the skip link, the links to the
  // pages (the current one marked) and the languages.
  function header(current) {
    var nav = el('nav', { 'aria-label': t('nav') }, [['index.html', 'select'], ['draw.html', 'draw'], ['verify.html', 'verify'], ['compare.html', 'compare']].map(function (p) {
      var a = el('a', { href: p[0] + '?lang=' + lang, text: t('nav.' + p[1]) });
      if (p[1] === current) { a.setAttribute('aria-current', 'page'); }
      return a;
    }));
    var langs = el('p', { class: 'lang' }, [
      el('a', { href: '?lang=en', hreflang: 'en', lang: 'en', text: 'English' }), ' · ',
      el('a', { href: '?lang=fr', hreflang: 'fr', lang: 'fr', text: 'Français' })
    ]);
    return [el('a', { class: 'skip', href: '#main', text: t('skip') }), el('p', { class: 'brand', text: 'tirage' }), nav, langs];
  }

  // outcomeSection fills the section of a selection's outcome (select and
  // draw): the summary, the two downloads and the report.
  function outcomeSection(section) {
    [el('h2', { id: 'result-title', text: t('result.h2') }),
      el('div', { id: 'result-body' }),
      el('p', { class: 'downloads' }, [
        el('a', { id: 'download-public', class: 'button', download: '', text: t('result.public') }),
        el('a', { id: 'download-private', class: 'button secondary', download: '', text: t('result.private') })
      ]),
      el('p', { class: 'note', text: t('result.publicHelp') }),
      el('h3', { text: t('result.report') }),
      el('p', {}, [el('a', { id: 'open-report', target: '_blank', rel: 'noopener', text: t('result.openReport') })]),
      el('iframe', { id: 'report', title: t('result.report') })
    ].forEach(function (e) { section.appendChild(e); });
  }

  // ---- Back ends ----

  function httpBackend() {
    return {
      name: 'native',
      call: function (op, request, onProgress) {
        return fetch('api/' + op, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) })
          .then(function (resp) {
            if (resp.status === 413) { throw { code: 2, message: t('error.tooLarge') }; }
            if (!resp.ok) { return resp.text().then(function (text) { throw { code: 3, message: text || ('HTTP ' + resp.status) }; }); }
            var reader = resp.body.getReader();
            var decoder = new TextDecoder();
            var buffer = '';
            var outcome = null;
            function line(text) {
              if (!text) { return; }
              var m = JSON.parse(text);
              if (m.progress) { onProgress(m.progress); } else { outcome = m; }
            }
            function pump() {
              return reader.read().then(function (r) {
                if (r.done) {
                  line(buffer.trim());
                  if (!outcome) { throw { code: 3, message: t('error.endedEarly') }; }
                  if (outcome.error) { throw outcome.error; }
                  return outcome.result;
                }
                buffer += decoder.decode(r.value, { stream: true });
                var lines = buffer.split('\n');
                buffer = lines.pop();
                lines.forEach(line);
                return pump();
              });
            }
            return pump();
          });
      }
    };
  }

  // engineFailure is the error of an engine that could not be loaded or
  // did not start (worker.js's failure), in the page's language.
  function engineFailure(f) {
    return { code: 3, message: t(f.key, { msg: f.detail || '' }) };
  }

  function wasmBackend(onLoading) {
    var worker = new Worker('worker.js');
    var pending = {};
    var next = 1;
    var resolveReady, rejectReady;
    var ready = new Promise(function (res, rej) { resolveReady = res; rejectReady = rej; });
    worker.onmessage = function (e) {
      var m = e.data;
      if (m.type === 'loading') { onLoading(m.total ? m.loaded / m.total : 0); return; }
      if (m.type === 'ready') { resolveReady(); return; }
      if (m.type === 'failed') { rejectReady(engineFailure(m.failure)); return; }
      var p = pending[m.id];
      if (!p) { return; }
      if (m.type === 'progress') { p.onProgress(m.progress); return; }
      delete pending[m.id];
      // The time the engine took, for the benchmarks (bench_test.go).
      if (m.type === 'result') { document.body.setAttribute('data-engine-ms', String(Math.round(m.ms))); p.resolve(m.result); } else { p.reject(m.failure ? engineFailure(m.failure) : m.error); }
    };
    return {
      name: 'wasm',
      ready: ready,
      call: function (op, request, onProgress) {
        return ready.then(function () {
          return new Promise(function (resolve, reject) {
            var id = next++;
            pending[id] = { resolve: resolve, reject: reject, onProgress: onProgress };
            worker.postMessage({ id: id, op: op, body: JSON.stringify(request) });
          });
        });
      }
    };
  }

  // detectBackend asks the page's origin for the API of `tirage ui`; a
  // static host has none, and the engine is then loaded as WebAssembly.
  function detectBackend() {
    return fetch('api/info', { headers: { 'Accept': 'application/json' } })
      .then(function (resp) { return resp.ok ? resp.json() : null; })
      .catch(function () { return null; })
      .then(function (info) {
        if (info && info.backend === 'native') { return { backend: httpBackend(), lang: info.lang }; }
        return { backend: null, lang: '' };
      });
  }

  // ---- Files ----

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }

  function fromBase64(text) {
    var s = atob(text);
    var bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) { bytes[i] = s.charCodeAt(i); }
    return bytes;
  }

  function readFile(file) {
    // A file of a folder the user chose keeps its path in the folder.
    var name = file.webkitRelativePath || file.name;
    return file.arrayBuffer().then(function (buf) { return { name: name, data: toBase64(buf) }; });
  }

  function readInput(id) {
    var input = $(id);
    return input && input.files && input.files.length ? readFile(input.files[0]) : Promise.resolve(null);
  }

  function readInputs(id) {
    var input = $(id);
    return Promise.all(Array.prototype.map.call(input.files || [], readFile));
  }

  var urls = [];
  function blobURL(data, type) {
    var url = URL.createObjectURL(new Blob([data], { type: type }));
    urls.push(url);
    return url;
  }

  function columns(text) {
    return text.split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s; });
  }

  // ---- Status and errors ----

  function status(text, isError) {
    var s = $('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
  }

  function progressText(p) {
    switch (p.step) {
      case 'lottery':
        return t('progress.lottery', { phase: p.phase_text || p.phase || '', iteration: p.iteration || 0, seconds: num(p.seconds || 0, 1), lower: p.lower ? t('progress.lower', { pct: pct(p.lower) }) : '' });
      case 'files': return t('progress.files');
      case 'draw': return t('progress.draw');
      case 'check': return t('progress.check');
      case 'verify': return t('progress.verify', { phase: p.phase_text || p.phase || '', seconds: num(p.seconds || 0, 1) });
    }
    return t('progress.start');
  }

  function showError(err, into) {
    err = err || {};
    var message = err.message || String(err);
    status(t('error.generic', { msg: message }), true);
    if (!into) { return; }
    if (err.problems && err.problems.length) {
      into.appendChild(el('p', { class: 'error', text: t('error.problems') }));
      into.appendChild(el('ul', { id: 'problems' }, err.problems.map(function (p) {
        var where = p.file + (p.line ? ', ' + t('check.line', { line: p.line }) : '') + (p.column ? ', “' + p.column + '”' : '');
        return el('li', {}, [el('strong', { text: where + ': ' }), p.message]);
      })));
    }
  }

  // ---- The check ----

  function renderCheck(c, body, onApply) {
    body.textContent = '';
    body.appendChild(el('p', { text: t('check.summary', { people: c.people, k: c.k, share: pct(c.k / c.people) }) }));
    if (c.households) {
      body.appendChild(el('p', { text: t('check.households', { households: c.households.Households, shared: c.households.Shared, largest: c.households.Largest }) }));
    }
    var rows = [];
    c.categories.forEach(function (cat) {
      cat.values.forEach(function (v, i) {
        var short = v.count < v.min;
        rows.push(el('tr', short ? { class: 'short' } : {}, [
          el('th', { scope: 'row', text: i === 0 ? cat.name : '' }),
          el('td', { text: v.name + (v.band ? ' (' + v.band + ')' : '') + (short ? ' ← ' + t('check.short') : '') }),
          el('td', { class: 'num', text: String(v.count) }),
          el('td', { class: 'num', text: pct(v.share) }),
          el('td', { class: 'num', text: String(v.min) }),
          el('td', { class: 'num', text: String(v.max) })
        ]));
      });
    });
    var head = el('tr', {}, ['check.category', 'check.value', 'check.pool', 'check.share', 'check.min', 'check.max'].map(function (k, i) {
      return el('th', { scope: 'col', class: i > 1 ? 'num' : '', text: t(k) });
    }));
    body.appendChild(el('div', { class: 'table-wrap' }, [el('table', { id: 'check-table' }, [el('thead', {}, [head]), el('tbody', {}, rows)])]));

    if (c.feasible) {
      body.appendChild(el('p', { id: 'check-verdict', class: 'panel-box good', text: c.relaxed ? t('check.feasibleRelaxed') : t('check.feasible', { k: c.k }) }));
    } else {
      body.appendChild(el('p', { id: 'check-verdict', class: 'panel-box bad', text: t('check.infeasible', { k: c.k }) }));
    }
    if (c.conflicts && c.conflicts.length && !c.relaxed) {
      var box = el('div', { id: 'conflicts', class: 'panel-box bad' }, [el('p', { text: t('check.conflicts') })]);
      box.appendChild(el('ol', {}, c.conflicts.map(function (cf) {
        return el('li', {}, [cf.reason, el('ul', {}, cf.bounds.map(function (b) {
          return el('li', { text: b.category + ' ' + b.value + ': ' + b.kind + ' ' + b.limit });
        }))]);
      })));
      body.appendChild(box);
    }
    if (c.relaxation) {
      var r = c.relaxation;
      var rbox = el('div', { id: 'relaxation', class: 'panel-box' }, [
        el('p', { text: t('check.relaxation', { seats: r.seats, seatWord: t(r.seats === 1 ? 'seat' : 'seats') }) }),
        el('ul', {}, r.changes.map(function (ch) { return el('li', { text: ch }); }))
      ]);
      if (!c.relaxed && onApply) {
        var apply = el('button', { type: 'button', id: 'apply-relaxation', text: t('check.apply') });
        apply.addEventListener('click', onApply);
        rbox.appendChild(apply);
      }
      var link = el('a', { id: 'download-relaxed', download: r.quota_file.name, href: blobURL(fromBase64(r.quota_file.data), 'text/csv'), text: t('check.relaxedFile') + ' (' + r.quota_file.name + ')' });
      rbox.appendChild(el('p', {}, [link]));
      body.appendChild(rbox);
    }
    if (c.no_relaxation) {
      body.appendChild(el('p', { class: 'error', text: t('check.noRelaxation', { reason: c.no_relaxation }) }));
    }
    if (c.feasible) {
      if (c.excluded_count > 0) {
        body.appendChild(el('p', { text: t('check.excluded', { n: c.excluded_count }) }));
        body.appendChild(el('ul', {}, c.excluded.map(function (x) {
          return el('li', { text: x.id + (x.line ? ' (' + t('check.line', { line: x.line }) + ')' : '') + ': ' + x.reason });
        })));
      } else {
        body.appendChild(el('p', { text: t('check.nobodyExcluded') }));
      }
    }
    (c.notices || []).forEach(function (n) { body.appendChild(el('p', { class: 'note', text: n })); });
    if (c.ids) {
      var ids = c.ids;
      var said = ids.in_name_column ? t('check.idsNames', { column: ids.column, example: ids.example })
        : t('check.ids', { count: ids.count, of: ids.of, column: ids.column, what: t('ids.' + ids.kind), example: ids.example });
      body.appendChild(el('div', { id: 'id-warning', class: 'panel-box bad' }, [el('p', { text: said }), el('p', { text: t('check.idsHelp') })]));
    }
  }

  // ---- A selection's outcome (select and draw) ----

  function renderOutcome(o) {
    var s = o.summary;
    var body = $('result-body');
    body.textContent = '';
    body.appendChild(el('p', { id: 'minimum', class: 'big', text: t('result.minimum', { pct: pct(s.minimum) }) }));
    body.appendChild(el('p', { text: t('result.equal', { pct: pct(s.equal), k: s.k, people: s.people }) }));
    body.appendChild(el('p', { text: t('result.algorithm', { algorithm: s.algorithm }) + ' ' + (s.certified ? t('result.bound', { pct: pct(s.upper_bound) }) : t('result.noBound')) }));
    body.appendChild(el('p', { text: t('result.uniform', { m: s.panels, pct: pct(s.uniform_minimum) }) }));
    if (s.relaxation && s.relaxation.length) {
      body.appendChild(el('p', { text: t('result.relaxed') }));
      body.appendChild(el('ul', {}, s.relaxation.map(function (ch) { return el('li', { text: ch }); })));
    }
    body.appendChild(el('p', {}, [el('span', { class: 'mono', text: t('result.commitment', { c: s.commitment }) })]));
    if (s.drawn) {
      body.appendChild(el('p', { id: 'drawn', text: t('result.drawn', { index: s.index, m: s.panels, selected: s.selected, seed: s.seed, kind: t('kind.' + s.seed_kind) }) }));
      if (s.alternates) { body.appendChild(el('p', { text: t('result.alternates', { n: s.alternates }) })); }
      if (s.seed_kind === 'generated') { body.appendChild(el('p', { class: 'panel-box bad', text: t('result.generated') })); }
    } else {
      body.appendChild(el('p', { class: 'panel-box', text: t('result.notDrawn') }));
    }
    body.appendChild(el('p', { text: s.zero ? t('result.zero', { n: s.zero }) : t('result.nobodyZero') }));
    (o.notices || []).forEach(function (n) { body.appendChild(el('p', { class: 'note', text: n })); });

    var pub = $('download-public'), priv = $('download-private');
    pub.href = blobURL(fromBase64(o.public.data), 'application/zip');
    pub.setAttribute('download', o.public.name);
    priv.href = blobURL(fromBase64(o.private.data), 'application/zip');
    priv.setAttribute('download', o.private.name);
    var report = blobURL(o.report, 'text/html;charset=utf-8');
    $('report').src = report;
    $('open-report').href = report;
    var result = $('result');
    result.hidden = false;
    result.focus();
  }

  function running(button, on) {
    button.disabled = on;
    button.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function elapsed(start) { return num((Date.now() - start) / 1000, 1); }

  // ---- Pages ----

  function selectPage(backend) {
    var state = { relax: false, checkSeq: 0 };
    var checkSection = $('check');
    var checkBody = $('check-body');

    function inputs() {
      return Promise.all([readInput('pool'), readInput('quotas')]).then(function (f) {
        var k = parseInt($('k').value, 10);
        if (!f[0] || !f[1] || !(k >= 1)) { return null; }
        return {
          pool: f[0], quotas: f[1], k: k, households: columns($('households').value), relax: state.relax,
          pool_sheet: $('pool-sheet').value.trim(), quotas_sheet: $('quotas-sheet').value.trim(), id_column: $('id-column').value.trim()
        };
      });
    }

    function runCheck() {
      var seq = ++state.checkSeq;
      inputs().then(function (req) {
        if (!req) { return; }
        status(t('check.running'));
        req.lang = lang;
        return backend.call('check', req, function () {}).then(function (c) {
          if (seq !== state.checkSeq) { return; }
          checkSection.hidden = false;
          renderCheck(c, checkBody, function () { state.relax = true; runCheck(); });
          status('');
          var apply = $('apply-relaxation');
          if (!apply && c.relaxed) { $('check-verdict').setAttribute('tabindex', '-1'); $('check-verdict').focus(); }
        }, function (err) {
          if (seq !== state.checkSeq) { return; }
          checkBody.textContent = '';
          checkSection.hidden = false;
          showError(err, checkBody);
        });
      });
    }

    ['pool', 'quotas'].forEach(function (id) { $(id).addEventListener('change', function () { state.relax = false; runCheck(); }); });
    ['k', 'households', 'pool-sheet', 'quotas-sheet', 'id-column'].forEach(function (id) { $(id).addEventListener('change', runCheck); });

    function seedChanged() {
      var kind = $('seed-source').value;
      $('seed-field').hidden = kind === 'generate' || kind === 'commit';
      $('alternates').disabled = kind === 'commit';
      $('seed-help').textContent = t('seedHelp.' + kind);
    }
    $('seed-source').addEventListener('change', seedChanged);
    seedChanged();

    $('select-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var run = $('run');
      var clicked = performance.now();
      inputs().then(function (req) {
        if (!req) { status(t('error.choose'), true); return; }
        var kind = $('seed-source').value;
        req.algorithm = $('algorithm').value;
        req.alternates = kind === 'commit' ? 0 : (parseInt($('alternates').value, 10) || 0);
        req.organisation = $('organisation').value.trim();
        req.contact = $('contact').value.trim();
        req.lang = lang;
        req.seed_source = $('seed-announcement').value.trim();
        req.commit_only = kind === 'commit';
        if (kind === 'text' || kind === 'numbers') { req.seed = $('seed').value; req.seed_kind = kind; }
        if (kind === 'generate') { req.seed_kind = 'generate'; }
        running(run, true);
        $('result').hidden = true;
        var start = Date.now();
        status(t('select.running'));
        return backend.call('select', req, function (p) { status(progressText(p)); }).then(function (o) {
          status(t('select.done', { seconds: elapsed(start) }));
          renderOutcome(o);
          // From the click to the result shown, for the benchmarks.
          document.body.setAttribute('data-select-ms', String(Math.round(performance.now() - clicked)));
        }, function (err) {
          if (err && err.check) {
            checkSection.hidden = false;
            renderCheck(err.check, checkBody, function () { state.relax = true; runCheck(); });
          }
          if (err && err.problems) { checkSection.hidden = false; checkBody.textContent = ''; }
          showError(err, err && err.problems ? checkBody : null);
        });
      }).then(function () { running(run, false); }, function (err) { running(run, false); showError(err); });
    });
  }

  function drawPage(backend) {
    function seedChanged() { $('status').textContent = ''; }
    $('draw-seed-source').addEventListener('change', seedChanged);
    $('draw-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var run = $('draw-run');
      Promise.all([readInputs('draw-bundle'), readInput('draw-pool')]).then(function (f) {
        if (!f[0].length || !f[1]) { status(t('error.chooseDraw'), true); return; }
        var req = {
          bundle: f[0], pool: f[1], seed: $('draw-seed').value, seed_kind: $('draw-seed-source').value,
          alternates: parseInt($('draw-alternates').value, 10) || 0,
          organisation: $('draw-organisation').value.trim(), contact: $('draw-contact').value.trim(), lang: lang
        };
        running(run, true);
        $('result').hidden = true;
        var start = Date.now();
        status(t('draw.running'));
        return backend.call('draw', req, function (p) { status(progressText(p)); }).then(function (o) {
          status(t('select.done', { seconds: elapsed(start) }));
          renderOutcome(o);
        }, function (err) { showError(err); });
      }).then(function () { running(run, false); }, function (err) { running(run, false); showError(err); });
    });
  }

  function verifyPage(backend) {
    $('verify-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var run = $('verify-run');
      Promise.all([readInputs('bundle'), readInput('verify-pool'), readInput('verify-quotas'), readInputs('bundle-folder')]).then(function (f) {
        var bundle = f[0].concat(f[3]);
        if (!bundle.length) { status(t('error.chooseBundle'), true); return; }
        var req = { bundle: bundle, lang: lang };
        if (f[1]) { req.pool = f[1]; }
        if (f[2]) { req.quotas = f[2]; }
        running(run, true);
        $('verify-result').hidden = true;
        var start = Date.now();
        status(t('verify.running'));
        return backend.call('verify', req, function (p) { status(progressText(p)); }).then(function (v) {
          status(t('select.done', { seconds: elapsed(start) }));
          renderVerification(v);
        }, function (err) { showError(err); });
      }).then(function () { running(run, false); }, function (err) { running(run, false); showError(err); });
    });
  }

  function renderVerification(v) {
    var out = $('verify-result');
    out.textContent = '';
    var absent = v.checks.filter(function (c) { return c.status === 'ABSENT'; }).map(function (c) { return c.label || c.name; });
    var n = v.checks.length - (v.verified ? absent.length : 0);
    out.appendChild(el('p', { id: 'verdict', class: 'panel-box big ' + (v.verified ? 'good' : 'bad'), text: v.verified ? t('verify.ok', { n: n }) : t('verify.failed', { failed: v.failed, n: v.checks.length }) }));
    out.appendChild(el('ul', { class: 'checks' }, v.checks.map(function (c) {
      var cls = { OK: 'ok', FAILED: 'failed', ABSENT: 'absent' }[c.status];
      return el('li', { class: 'check-' + cls }, [el('span', { class: 'badge ' + cls, text: t('status.' + c.status) }), ' ', el('strong', { text: c.label || c.name }), ': ', c.detail]);
    })));
    if (v.chain) { out.appendChild(el('p', { id: 'chain', text: t('verify.chain', { n: v.chain, selectionWord: t(v.chain === 1 ? 'selection' : 'selections') }) })); }
    if (absent.length && v.verified) { out.appendChild(el('p', { class: 'note', text: t('verify.absentNote', { names: absent.join(', ') }) })); }
    var inputsNote = !v.pool_checked && !v.quotas_checked ? 'verify.inputsNone' : !v.pool_checked ? 'verify.inputsPool' : !v.quotas_checked ? 'verify.inputsQuotas' : '';
    if (inputsNote) { out.appendChild(el('p', { class: 'note', text: t(inputsNote) })); }
    out.appendChild(el('h2', { id: 'cannot-prove', text: t('verify.cannot') }));
    out.appendChild(el('ul', {}, v.cannot_prove.map(function (s) { return el('li', { text: s }); })));
    out.hidden = false;
    out.focus();
  }

  function comparePage(backend) {
    $('compare-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var run = $('compare-run');
      Promise.all([readInput('compare-pool'), readInput('compare-quotas')]).then(function (f) {
        var k = parseInt($('compare-k').value, 10);
        if (!f[0] || !f[1] || !(k >= 1)) { status(t('error.choose'), true); return; }
        var req = {
          pool: f[0], quotas: f[1], k: k, households: columns($('compare-households').value), lang: lang,
          pool_sheet: $('compare-pool-sheet').value.trim(), quotas_sheet: $('compare-quotas-sheet').value.trim(), id_column: $('compare-id-column').value.trim()
        };
        running(run, true);
        $('compare-result').hidden = true;
        var start = Date.now();
        status(t('compare.running'));
        return backend.call('compare', req, function (p) { status(progressText(p)); }).then(function (c) {
          status(t('select.done', { seconds: elapsed(start) }));
          renderComparison(c);
        }, function (err) { showError(err); });
      }).then(function () { running(run, false); }, function (err) { running(run, false); showError(err); });
    });
  }

  function renderComparison(c) {
    var out = $('compare-result');
    out.textContent = '';
    out.appendChild(el('p', { text: t('compare.head', { people: c.people, k: c.k, pct: pct(c.equal) }) }));
    var keys = ['compare.objective', 'compare.lowest', 'compare.highest', 'compare.gini', 'compare.geo', 'compare.below', 'compare.cert', 'compare.time'];
    var head = el('tr', {}, keys.map(function (k, i) { return el('th', { scope: 'col', class: i ? 'num' : '', text: t(k) }); }));
    var rows = c.rows.map(function (r) {
      if (r.error) {
        return el('tr', {}, [el('th', { scope: 'row', text: r.algorithm }), el('td', { colspan: '7', class: 'error', text: t('compare.failed') + ': ' + r.error })]);
      }
      var cert = r.certified ? t('compare.yes') : r.estimated ? t('compare.estimated') : t('compare.no');
      return el('tr', {}, [el('th', { scope: 'row', text: r.algorithm })].concat(
        [pct(r.minimum), pct(r.maximum), num(r.gini, 3), pct(r.geometric_mean), pct(r.below_equal), cert, num(r.seconds, 2) + ' s'].map(function (x) { return el('td', { class: 'num', text: x }); })));
    });
    out.appendChild(el('div', { class: 'table-wrap' }, [el('table', { id: 'compare-table' }, [el('thead', {}, [head]), el('tbody', {}, rows)])]));
    out.hidden = false;
    out.focus();
  }

  var pages = { select: selectPage, draw: drawPage, verify: verifyPage, compare: comparePage };

  function start() {
    var asked = new URLSearchParams(location.search).get('lang');
    detectBackend().then(function (found) {
      lang = asked || found.lang || ((navigator.language || '').toLowerCase().indexOf('fr') === 0 ? 'fr' : 'en');
      if (!T[lang]) { lang = 'en'; }
      translatePage();
      var page = document.body.getAttribute('data-page');
      header(page).forEach(function (e) { $('top').appendChild(e); });
      if ($('result') && page !== 'verify' && page !== 'compare') { outcomeSection($('result')); }
      var note = $('backend');
      var backend = found.backend;
      if (backend) {
        note.textContent = t('backend.native');
        document.body.setAttribute('data-engine', 'ready');
      } else {
        note.textContent = t('backend.loading', { pct: '' });
        backend = wasmBackend(function (share) { note.textContent = t('backend.loading', { pct: share ? pct(share) : '' }); });
        backend.ready.then(function () { note.textContent = t('backend.wasm'); document.body.setAttribute('data-engine', 'ready'); }, function (err) { note.textContent = t('backend.failed', { msg: err.message }); note.className = 'note error'; });
      }
      document.body.setAttribute('data-backend', backend.name);
      pages[page](backend);
      document.body.setAttribute('data-ready', 'true');
    });
  }

  start();
}());
