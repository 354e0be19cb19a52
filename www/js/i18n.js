// The page's own chrome in English and Russian: headings, buttons, hints. Every figure, label,
// reason and message about the data comes from the engine, already in the page's language.

const STRINGS = {
  en: {
    title: "reweigh — the 2024 Russian vote abroad, recomputed",
    skip: "Skip to the tables",
    tagline: "the 2024 Russian presidential vote abroad, recomputed under your assumptions",
    paperLine: "Bocharov (2024), “The Results of the President of Russia Elections in Foreign Countries in 2024 and the Fiasco of the Non-Systemic Opposition”, checked against the 288 protocols of the polling stations’ electoral commissions (PECs) that the Central Election Commission (CEC) published.",
    copyLink: "Copy link to this reading",
    linkCopied: "Link copied",
    loading: "Loading the protocols and the engine…",
    assumptions: "Assumptions",
    assumptionsHint: "Every table, chart and count follows these choices at once; one setting of them is a “reading”. The paper’s own choices are marked. Red marks under a slider: where the verdict on one of the paper’s conclusions turns.",
    reset: "Back to the paper’s assumptions",
    reading: "This reading",
    charts: "Charts",
    tables: "Tables: published beside recomputed",
    sources: "Sources and provenance",
    close: "Close",
    footer: "reweigh takes no side: it shows what follows from which assumption. All computation happens in this page; nothing leaves your machine.",
    sumsHint: "Select a cell to see which PECs it sums.",
    search: "Search by name, country, city or PEC number",
    clearFilter: "show all",
    downloads: "Download this table",
    downloadCsvSeen: "CSV (what you see)",
    downloadCsvAll: "CSV (all rows)",
    downloadJsonSeen: "JSON (what you see)",
    downloadJsonAll: "JSON (all rows)",
    downloadXlsx: "Excel workbook (all tables)",
    downloadZip: "Data package (ZIP)",
    csvDialect: "CSV for",
    dialectEn: "comma, decimal point",
    dialectRu: "semicolon, decimal comma",
    downloadSvg: "Download SVG",
    downloadPng: "Download PNG",
    showTable: "Show the numbers as a table",
    urlProblem: "Some of this link could not be read:",
    dataProblem: "The data could not be loaded, so nothing can be computed:",
    engineProblem: "The engine could not start:",
    serverAnswered: "the server answered",
    notFetched: "could not be fetched",
    inputProblem: "Not applied:",
    robustness: "How robust is each conclusion?",
    robustnessHint: "Each of the paper’s conclusions, judged under every reading of a grid over the assumptions (each weight 0, 25, 50, 75 or 100%; every choice). A figure the paper prints is reproduced, off in its last printed digit, or differs. “Rests on” splits the readings whose verdict differs from the paper’s own among the assumptions (Shapley values: the parts add up). Select a claim for where its verdict turns, its charts and its specification curve.",
    downloadSweep: "Download the robustness map:",
    sweepRunning: "Judging every claim under every reading of the grid…",
    sweepFailed: "The robustness map could not be computed:",
    claim: "Claim", nowVerdict: "Under this reading", holdsIn: "Holds in (share of readings)", range: "Range", restsOn: "Rests on",
    tippingTitle: "Where its verdict turns, one weight at a time", heatTitle: "Its verdict over the two assumptions its changes rest on most",
    pinnedValue: "under the pinned reading, and the difference",
    noFlip: "No reading of the grid gives this claim the other verdict.",
    drillCountries: "countries",
    map: "Map",
    mapHint: "Select a country for its PECs (on the keyboard, move between countries with the arrow keys). The same figures as text:",
    mapTable: "the countries table",
    mapOutline: "Outline the regions",
    mapLoading: "Loading the map…",
    mapFailed: "The map could not be loaded:",
    skipTable: "Skip the table",
  },
  ru: {
    title: "reweigh — голосование за рубежом 2024 года, пересчитанное",
    skip: "Перейти к таблицам",
    tagline: "голосование за рубежом на выборах президента России 2024 года, пересчитанное при ваших допущениях",
    paperLine: "Бочаров (2024), «Итоги выборов Президента России за рубежом в 2024 году и фиаско несистемной оппозиции», в сверке с 288 протоколами участковых избирательных комиссий (УИК), опубликованными Центральной избирательной комиссией (ЦИК).",
    copyLink: "Скопировать ссылку на это прочтение",
    linkCopied: "Ссылка скопирована",
    loading: "Загружаются протоколы и расчётный модуль…",
    assumptions: "Допущения",
    assumptionsHint: "Все таблицы, графики и подсчёты сразу следуют этим допущениям; один их набор — «прочтение». Выбор автора статьи отмечен. Красные отметки под ползунком — где меняется вердикт по одному из выводов статьи.",
    reset: "Вернуть допущения статьи",
    reading: "Это прочтение",
    charts: "Графики",
    tables: "Таблицы: опубликованное рядом с пересчитанным",
    sources: "Источники и происхождение данных",
    close: "Закрыть",
    footer: "reweigh не занимает ничьей стороны: он показывает, что следует из каких допущений. Все расчёты выполняются на этой странице; данные не покидают ваш компьютер.",
    sumsHint: "Выберите ячейку, чтобы увидеть, какие УИК в неё входят.",
    search: "Поиск по названию, стране, городу или номеру УИК",
    clearFilter: "показать все",
    downloads: "Скачать таблицу",
    downloadCsvSeen: "CSV (что на экране)",
    downloadCsvAll: "CSV (все строки)",
    downloadJsonSeen: "JSON (что на экране)",
    downloadJsonAll: "JSON (все строки)",
    downloadXlsx: "Книга Excel (все таблицы)",
    downloadZip: "Пакет данных (ZIP)",
    csvDialect: "CSV с разделителем",
    dialectEn: "запятая, десятичная точка",
    dialectRu: "точка с запятой, десятичная запятая",
    downloadSvg: "Скачать SVG",
    downloadPng: "Скачать PNG",
    showTable: "Показать числа таблицей",
    urlProblem: "Часть ссылки прочитать не удалось:",
    dataProblem: "Данные не загрузились, поэтому расчёт невозможен:",
    engineProblem: "Расчётный модуль не запустился:",
    serverAnswered: "сервер ответил",
    notFetched: "файл не удалось получить",
    inputProblem: "Не применено:",
    robustness: "Насколько устойчив каждый вывод?",
    robustnessHint: "Каждый вывод статьи проверен при всех прочтениях из сетки допущений (каждый вес 0, 25, 50, 75 или 100%; все варианты выбора). Напечатанное в статье число воспроизводится, расходится в последнем знаке или расходится. «От чего зависит» делит прочтения, где вердикт отличается от авторского, между допущениями (значения Шепли: части складываются в целое). Выберите вывод, чтобы увидеть, где меняется его вердикт, его графики и кривую спецификаций.",
    downloadSweep: "Скачать карту устойчивости:",
    sweepRunning: "Проверяю каждый вывод при каждом прочтении сетки…",
    sweepFailed: "Карту устойчивости рассчитать не удалось:",
    claim: "Вывод", nowVerdict: "При этом прочтении", holdsIn: "Верно (доля прочтений)", range: "Диапазон", restsOn: "От чего зависит",
    tippingTitle: "Где меняется вердикт, по одному весу", heatTitle: "Вердикт по двум допущениям, от которых его изменения зависят сильнее всего",
    pinnedValue: "при закреплённом прочтении, и разница",
    noFlip: "Ни одно прочтение сетки не меняет вердикт этого вывода.",
    drillCountries: "страны",
    map: "Карта",
    mapHint: "Выберите страну, чтобы увидеть её УИК (с клавиатуры — переходя между странами стрелками). Те же числа текстом:",
    mapTable: "таблица стран",
    mapOutline: "Показать границы регионов",
    mapLoading: "Загружается карта…",
    mapFailed: "Не удалось загрузить карту:",
    skipTable: "Пропустить таблицу",
  },
};

let current = "en";

/** Switch the chrome's language: every element marked data-i18n, the title, the toggle. */
export function setLanguage(lang) {
  current = STRINGS[lang] ? lang : "en";
  document.documentElement.lang = current;
  document.title = STRINGS[current].title;
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

/** A chrome string in the current language. */
export function t(key) {
  return STRINGS[current][key] ?? STRINGS.en[key] ?? key;
}
