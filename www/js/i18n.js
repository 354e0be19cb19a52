// The page's own words in English and Russian, and number formatting for each language.
// Table titles, labels and reasons come from the engine in both languages.

const STRINGS = {
  en: {
    skip: "Skip to the tables",
    tagline: "the 2024 Russian presidential vote abroad, recomputed under your assumptions",
    paperLine: "Bocharov (2024), “The Results of the President of Russia Elections in Foreign Countries in 2024 and the Fiasco of the Non-Systemic Opposition”, checked against the CEC’s 288 polling-station protocols.",
    copyLink: "Copy link to this reading",
    linkCopied: "Link copied",
    loading: "Loading the protocols and the engine…",
    assumptions: "Assumptions",
    assumptionsHint: "Every table, chart and count follows these choices at once. The paper's own choices are marked.",
    reset: "Back to the paper's assumptions",
    reading: "This reading",
    charts: "Charts",
    tables: "Tables: published beside recomputed",
    sources: "Sources and provenance",
    close: "Close",
    footer: "reweigh takes no side: it shows what follows from which assumption. All computation happens in this page; nothing leaves your machine.",
    paperValue: "paper",
    oppositionShare: "“Opposition” share abroad",
    putinShare: "Putin's share abroad",
    pecsWon: "PECs won by the “opposition”",
    countriesWon: "Countries won by the “opposition”",
    of: "of",
    tab1: "Table 1", tab2: "Table 2", tab3: "Table 3", tab4: "Table 4",
    tabtext: "Figures in the text", tabcountries: "Countries", tabpecs: "PECs",
    recomputed: "recomputed", published: "published", difference: "difference", paperShort: "paper", pp: "pp",
    match: "matches", differs: "differs", notInData: "not in the data",
    auditSummary: (m, d, n) => `${m} published figures reproduced, ${d} differ${n ? `, ${n} cannot be computed from the data` : ""}.`,
    search: "Search by name, country, city or PEC number",
    rowsShown: (shown, all) => `${shown} of ${all} rows`,
    filteredBy: "Showing only",
    clearFilter: "show all",
    downloadCsvSeen: "CSV (what you see)",
    downloadCsvAll: "CSV (all rows)",
    downloadJsonSeen: "JSON (what you see)",
    downloadJsonAll: "JSON (all rows)",
    downloads: "Download this table",
    downloadSvg: "Download SVG",
    showTable: "Show the numbers as a table",
    chartregions: "Opposition and Putin by region",
    chartcountries: "Countries ranked by the opposition's share",
    charthistory: "The winner's share abroad, 2004-2024 (Table 1)",
    legendOpposition: "“Opposition”",
    legendPutin: "Putin",
    legendPublished: "as published",
    legendRecomputed: "recomputed",
    membersTitle: (label) => `PECs summed in ${label}`,
    membersSummary: (n, issued) => `${n} PECs, ${issued} ballots issued. Locations marked inferred or unknown are not established fact.`,
    pec: "PEC", country: "Country", city: "City", evidence: "Location evidence", issued: "Issued", note: "Evidence note",
    evidence_documented: "documented", evidence_matched: "matched", evidence_inferred: "inferred", evidence_unknown: "unknown",
    sumsHint: "Select a cell to see which PECs it sums.",
    urlProblem: "Some of this link could not be read; those keys fall back to the paper's choice:",
    dataProblem: "The data could not be loaded, so nothing can be computed:",
    engineProblem: "The engine could not start:",
    inputProblem: "Not applied:",
    drillCountries: "countries",
    drillPecs: "PECs",
    sourcesIntro: "Every figure is summed from the CEC's per-PEC protocols, as scraped by S. Shpilkin (2000-2021) and I. Shukshin (2024) and published in dkobak/elections. The importer (`reweigh import`, src/import.rs) turns them and the locations file into the bundle this page loads.",
    sourcesFiles: "Raw files (SHA-256)",
    sourcesChecks: "Control relations checked on every protocol",
    sourcesEvidence: "How well each 2024 PEC's location is established",
    sourcesPaper: "The paper",
    sourcesNational: "National totals (Table 2)",
    sourcesBundle: "The bundle this page loaded",
    protocolsBreak: (year, n, f) => `${year}: ${n} protocols, ${f} break a relation`,
    sortBy: (label) => `Sort by ${label}`,
    yes: "yes", no: "no",
    robustness: "How robust is each conclusion?",
    robustnessHint: "Each of the paper's conclusions, judged under every reading of a grid over the assumptions (each weight 0, 0.25, 0.5, 0.75, 1; every choice). Select a claim for the two assumptions it hinges on most.",
    downloadSweep: "Download the robustness map:",
    sweepRunning: "Judging every claim under every reading of the grid…",
    sweepDone: (n, c) => `${c} claims judged under ${n} readings.`,
    sweepFailed: "The robustness map could not be computed:",
    holds: "holds", fails: "fails", notApplicable: "not applicable",
    claim: "Claim", nowVerdict: "Under this reading", holdsIn: "Holds in (share of readings)", range: "Range", hingesOn: "Hinges on",
    paperSays: "paper:", noHinge: "nothing flips it", translation: "(reweigh's translation)",
    flipToFail: "Show me a reading where this fails", flipToHold: "Show me a reading where this holds",
    underPaper: "Under the paper's own reading", nearestHolds: "nearest reading where it holds", nearestFails: "nearest reading where it fails",
  },
  ru: {
    skip: "Перейти к таблицам",
    tagline: "голосование за рубежом на выборах президента России 2024 года, пересчитанное при ваших допущениях",
    paperLine: "Бочаров (2024), «Итоги выборов Президента России за рубежом в 2024 году и фиаско несистемной оппозиции», в сверке с 288 протоколами УИК ЦИК.",
    copyLink: "Скопировать ссылку на это прочтение",
    linkCopied: "Ссылка скопирована",
    loading: "Загружаются протоколы и расчётный модуль…",
    assumptions: "Допущения",
    assumptionsHint: "Все таблицы, графики и подсчёты сразу следуют этим допущениям. Выбор автора статьи отмечен.",
    reset: "Вернуть допущения статьи",
    reading: "Это прочтение",
    charts: "Графики",
    tables: "Таблицы: опубликованное рядом с пересчитанным",
    sources: "Источники и происхождение данных",
    close: "Закрыть",
    footer: "reweigh не занимает ничьей стороны: он показывает, что следует из каких допущений. Все расчёты выполняются на этой странице; данные не покидают ваш компьютер.",
    paperValue: "в статье",
    oppositionShare: "Доля «оппозиции» за рубежом",
    putinShare: "Доля Путина за рубежом",
    pecsWon: "УИК, где победила «оппозиция»",
    countriesWon: "Страны, где победила «оппозиция»",
    of: "из",
    tab1: "Таблица 1", tab2: "Таблица 2", tab3: "Таблица 3", tab4: "Таблица 4",
    tabtext: "Числа в тексте", tabcountries: "Страны", tabpecs: "УИК",
    recomputed: "пересчитано", published: "опубликовано", difference: "разница", paperShort: "в статье", pp: "п. п.",
    match: "совпадает", differs: "расходится", notInData: "нет в данных",
    auditSummary: (m, d, n) => `Воспроизведено опубликованных чисел: ${m}, расходится: ${d}${n ? `, не вычисляется из данных: ${n}` : ""}.`,
    search: "Поиск по названию, стране, городу или номеру УИК",
    rowsShown: (shown, all) => `${shown} из ${all} строк`,
    filteredBy: "Показаны только",
    clearFilter: "показать все",
    downloadCsvSeen: "CSV (что на экране)",
    downloadCsvAll: "CSV (все строки)",
    downloadJsonSeen: "JSON (что на экране)",
    downloadJsonAll: "JSON (все строки)",
    downloads: "Скачать таблицу",
    downloadSvg: "Скачать SVG",
    showTable: "Показать числа таблицей",
    chartregions: "Оппозиция и Путин по регионам",
    chartcountries: "Страны по убыванию доли оппозиции",
    charthistory: "Доля победителя за рубежом, 2004-2024 (Таблица 1)",
    legendOpposition: "«Оппозиция»",
    legendPutin: "Путин",
    legendPublished: "опубликовано",
    legendRecomputed: "пересчитано",
    membersTitle: (label) => `УИК в сумме: ${label}`,
    membersSummary: (n, issued) => `УИК: ${n}, выдано бюллетеней: ${issued}. Места с пометкой «выведено» или «неизвестно» не являются установленным фактом.`,
    pec: "УИК", country: "Страна", city: "Город", evidence: "Доказанность места", issued: "Выдано", note: "Источник",
    evidence_documented: "документально", evidence_matched: "сопоставлено", evidence_inferred: "выведено", evidence_unknown: "неизвестно",
    sumsHint: "Выберите ячейку, чтобы увидеть, какие УИК в неё входят.",
    urlProblem: "Часть ссылки прочитать не удалось; для этих параметров взят выбор автора статьи:",
    dataProblem: "Данные не загрузились, поэтому расчёт невозможен:",
    engineProblem: "Расчётный модуль не запустился:",
    inputProblem: "Не применено:",
    drillCountries: "страны",
    drillPecs: "УИК",
    sourcesIntro: "Все числа суммируются из протоколов УИК ЦИК, собранных С. Шпилькиным (2000-2021) и И. Шукшиным (2024) и опубликованных в dkobak/elections. Импортёр (`reweigh import`, src/import.rs) превращает их и файл мест в набор данных, который загружает эта страница.",
    sourcesFiles: "Исходные файлы (SHA-256)",
    sourcesChecks: "Контрольные соотношения, проверенные в каждом протоколе",
    sourcesEvidence: "Насколько установлено место каждого УИК 2024 года",
    sourcesPaper: "Статья",
    sourcesNational: "Итоги по стране (Таблица 2)",
    sourcesBundle: "Загруженный набор данных",
    protocolsBreak: (year, n, f) => `${year}: протоколов ${n}, нарушают соотношения: ${f}`,
    sortBy: (label) => `Сортировать: ${label}`,
    yes: "да", no: "нет",
    robustness: "Насколько устойчив каждый вывод?",
    robustnessHint: "Каждый вывод статьи проверен при всех прочтениях из сетки допущений (каждый вес 0; 0,25; 0,5; 0,75; 1; все варианты выбора). Выберите вывод, чтобы увидеть два допущения, от которых он зависит сильнее всего.",
    downloadSweep: "Скачать карту устойчивости:",
    sweepRunning: "Проверяю каждый вывод при каждом прочтении сетки…",
    sweepDone: (n, c) => `Выводов: ${c}, проверено прочтений: ${n}.`,
    sweepFailed: "Карту устойчивости рассчитать не удалось:",
    holds: "верно", fails: "неверно", notApplicable: "неприменимо",
    claim: "Вывод", nowVerdict: "При этом прочтении", holdsIn: "Верно (доля прочтений)", range: "Диапазон", hingesOn: "Зависит от",
    paperSays: "в статье:", noHinge: "ничто не меняет", translation: "(перевод reweigh)",
    flipToFail: "Показать прочтение, при котором это неверно", flipToHold: "Показать прочтение, при котором это верно",
    underPaper: "При прочтении автора", nearestHolds: "ближайшее прочтение, где верно", nearestFails: "ближайшее прочтение, где неверно",
  },
};

let current = "en";

export function setLanguage(lang) {
  current = STRINGS[lang] ? lang : "en";
  document.documentElement.lang = current;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const text = STRINGS[current][el.dataset.i18n];
    if (typeof text === "string") el.textContent = text;
  }
  for (const button of document.querySelectorAll(".lang button")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === current));
  }
}

export function language() {
  return current;
}

/** A UI string; functions are called with the arguments. */
export function t(key, ...args) {
  const value = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

/** Pick the engine's text for the current language. */
export function pick(en, ru) {
  return current === "ru" && ru ? ru : en;
}

const formats = new Map();
function formatter(decimals) {
  const key = `${current}:${decimals}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(current === "ru" ? "ru-RU" : "en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }));
  }
  return formats.get(key);
}

/** A count, grouped for the language. */
export function count(n) {
  return n === null || n === undefined ? "—" : formatter(Number.isInteger(n) ? 0 : 2).format(n);
}

/** A percentage (already in points), with `decimals` decimals. */
export function percent(p, decimals = 2) {
  return p === null || p === undefined ? "—" : `${formatter(decimals).format(p)}%`;
}

/** A signed difference. */
export function signed(x, decimals) {
  if (x === null || x === undefined) return "";
  const text = formatter(decimals).format(Math.abs(x));
  return `${x > 0 ? "+" : x < 0 ? "−" : "±"}${text}`;
}
