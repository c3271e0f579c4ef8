//! The Hugo twin's configuration, UI strings, layouts and style sheet.

pub const HUGO_TOML: &str = r#"# Hugo twin of the offersite benchmark catalog (written by examples/gen_catalog/).
baseURL = "https://offers.example.com/"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
hasCJKLanguage = true
buildFuture = true
buildExpired = true
enableRobotsTXT = true
disableKinds = ["taxonomy"]
disableAliases = true
ignoreErrors = ["error-disable-taxonomy"]

[taxonomies]
  category = "categories"
  destination = "destinations"
  partner = "partners"

[outputs]
  home = ["HTML", "RSS", "JSON"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

[languages]
  [languages.zh]
    weight = 1
    title = "全球旅行卡海外优惠"
    [languages.zh.params]
      locale = "zh-Hans"
      label = "中文"
      description = "全球旅行卡持卡人在海外商户享受的折扣与礼遇，涵盖购物、餐饮、酒店与景点。"
  [languages.en]
    weight = 2
    title = "Global Travel Card Overseas Offers"
    [languages.en.params]
      locale = "en"
      label = "English"
      description = "Discounts and perks for Global Travel Card holders at overseas partners: shopping, dining, hotels and attractions."
"#;

pub const HUGO_I18N_ZH: &str = r#"home = "首页"
skip = "跳到正文"
service_title = "24小时客服"
service_text = "在境外用卡遇到问题？请随时拨打卡背面的客服电话。"
subscribe = "订阅新优惠"
see_all = "查看全部优惠"
by_category = "按分类浏览"
by_destination = "按目的地浏览"
current = "当前优惠"
website = "官网"
where = "目的地"
details = "详情"
applicable_terms = "适用条款"
similar = "类似优惠"
more_in = "更多优惠："
coupon_hint = "付款时向收银员出示此优惠码。"
offers = "全部优惠"
branches = "门店"
terms = "服务条款"
about = "关于我们"
featured = "精选优惠"
categories = "分类"
destinations = "目的地"
partner = "商户"
category = "分类"
coupon = "优惠码"
valid = "有效期"
ended = "本优惠已结束。"
upcoming = "本优惠尚未开始，开始日期："
prev = "上一页"
next = "下一页"
address = "地址"
hours = "营业时间"
phone = "电话"
other_language = "English"
notfound = "页面不存在"
"#;

pub const HUGO_I18N_EN: &str = r#"home = "Home"
skip = "Skip to content"
service_title = "24-hour customer service"
service_text = "Trouble using your card abroad? Call the number on the back of your card, any time, any day."
subscribe = "Subscribe to new offers"
see_all = "See all offers"
by_category = "Browse by category"
by_destination = "Browse by destination"
current = "Current offers"
website = "Website"
where = "Where"
details = "Details"
applicable_terms = "Terms that apply"
similar = "Similar offers"
more_in = "More offers in"
coupon_hint = "Show this code at the till when you pay."
offers = "All offers"
branches = "Branches"
terms = "Service terms"
about = "About"
featured = "Featured offers"
categories = "Categories"
destinations = "Destinations"
partner = "Partner"
category = "Category"
coupon = "Coupon code"
valid = "Valid"
ended = "This offer has ended."
upcoming = "This offer has not started yet. It starts on"
prev = "Previous"
next = "Next"
address = "Address"
hours = "Opening hours"
phone = "Phone"
other_language = "中文"
notfound = "Page not found"
"#;

pub const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.Params.locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Params.locale }}" href="{{ .Permalink }}">
{{- end }}
{{- range .AllTranslations }}{{ if eq .Lang "zh" }}
<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{- end }}{{ end }}
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ "index.xml" | relLangURL }}">
<link rel="stylesheet" href="/assets/site.css">
<meta name="theme-color" content="#9b1c1c">
{{- if eq .Params.status "ended" }}
<meta name="robots" content="noindex">
{{- end }}
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:locale" content="{{ replace site.Params.locale "-" "_" }}">
{{ block "head" . }}{{ end }}
</head>
<body>
<a class="skip" href="#main">{{ i18n "skip" }}</a>
<header class="site-header">
  <div class="wrap bar">
    <a class="brand" href="{{ "/" | relLangURL }}"><span>{{ site.Title }}</span></a>
    <nav class="lang-switch" aria-label="Language">
    {{- range .Translations }}
      <a href="{{ .RelPermalink }}" hreflang="{{ .Language.Params.locale }}" lang="{{ .Language.Params.locale }}">{{ .Language.Params.label }}</a>
    {{- end }}
    </nav>
  </div>
  <nav class="main-nav" aria-label="Main">
    <ul class="wrap">
      <li><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a></li>
      <li><a href="{{ "offers/" | relLangURL }}">{{ i18n "offers" }}</a></li>
      <li><a href="{{ "branches/" | relLangURL }}">{{ i18n "branches" }}</a></li>
      <li><a href="{{ "terms/" | relLangURL }}">{{ i18n "terms" }}</a></li>
    </ul>
  </nav>
</header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <section class="service" aria-labelledby="service-title">
      <h2 id="service-title">{{ i18n "service_title" }}</h2>
      <p>{{ i18n "service_text" }}</p>
    </section>
    <nav aria-label="More links">
      <ul class="footer-links">
        <li><a href="{{ "offers/" | relLangURL }}">{{ i18n "offers" }}</a></li>
        <li><a href="{{ "branches/" | relLangURL }}">{{ i18n "branches" }}</a></li>
        <li><a href="{{ "terms/" | relLangURL }}">{{ i18n "terms" }}</a></li>
        <li><a href="{{ "about/" | relLangURL }}">{{ i18n "about" }}</a></li>
        <li><a href="{{ "index.xml" | relLangURL }}">{{ i18n "subscribe" }}</a></li>
      </ul>
    </nav>
    <p class="fineprint">&copy; {{ site.Title }}</p>
  </div>
</footer>
</body>
</html>
"##;

pub const HUGO_CARD: &str = r#"<li><article class="card">
  <div class="card-body">
    <p class="badge">{{ .Params.badge }}</p>
    <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    <p class="card-partner">{{ range .GetTerms "partners" }}{{ .Title }}{{ end }} · {{ range .GetTerms "categories" }}{{ .Title }}{{ end }}</p>
    <p class="card-summary">{{ .Description }}</p>
    <p class="card-dates">{{ partial "date.html" (dict "d" .Params.valid_from "lang" .Lang) }} – {{ partial "date.html" (dict "d" .Params.valid_until "lang" .Lang) }}</p>
  </div>
</article></li>
"#;

pub const HUGO_DATE: &str = r#"{{- $t := time.AsTime .d -}}
<time datetime="{{ .d }}">{{ if eq .lang "zh" }}{{ $t.Format "2006年1月2日" }}{{ else }}{{ $t.Format "Jan 2, 2006" }}{{ end }}</time>
{{- /**/ -}}
"#;

pub const HUGO_INDEX: &str = r#"{{ define "main" }}
{{- $active := partialCached "active-offers.html" . .Lang }}
<section class="hero">
  <h1>{{ site.Title }}</h1>
  <p>{{ site.Params.description }}</p>
  <p><a class="button" href="{{ "offers/" | relLangURL }}">{{ i18n "see_all" }} ({{ len $active }})</a></p>
</section>
<section aria-labelledby="offers-title">
  <h2 id="offers-title">{{ i18n "featured" }}</h2>
  <ul class="cards">
{{- range where $active "Params.featured" true }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
  </ul>
</section>
<section aria-labelledby="categories-title">
  <h2 id="categories-title">{{ i18n "by_category" }}</h2>
  <ul class="chips">
{{- range site.Taxonomies.categories }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ len (partialCached "active-in.html" .Page .Page.RelPermalink) }}</span></a></li>
{{- end }}
  </ul>
</section>
<section aria-labelledby="destinations-title">
  <h2 id="destinations-title">{{ i18n "by_destination" }}</h2>
  <ul class="chips">
{{- range site.Taxonomies.destinations }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ len (partialCached "active-in.html" .Page .Page.RelPermalink) }}</span></a></li>
{{- end }}
  </ul>
</section>
<section aria-labelledby="branches-title">
  <h2 id="branches-title">{{ i18n "branches" }}</h2>
  <ul class="links">
{{- with site.GetPage "/branches" }}{{ range .Pages }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}{{ end }}
  </ul>
</section>
<section aria-labelledby="terms-title">
  <h2 id="terms-title">{{ i18n "terms" }}</h2>
  <ul class="links">
{{- with site.GetPage "/terms" }}{{ range .Pages }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}{{ end }}
  </ul>
</section>
{{ end }}
"#;

pub const HUGO_INDEX_JSON: &str = r#"{"version":1,"offers":[
{{- range $i, $p := where site.RegularPages "Section" "offers" -}}
{{- if $i }},{{ end -}}
{{- dict "id" .File.ContentBaseName "status" .Params.status "title" .Title "summary" .Description "discount" .Params.discount "coupon_code" .Params.coupon_code "valid_from" .Params.valid_from "valid_until" .Params.valid_until "destinations" .Params.destinations "url" .Permalink | jsonify -}}
{{- end -}}
]}
"#;

pub const HUGO_PAGER: &str = r#"{{- if gt .TotalPages 1 }}
<nav class="pager">
{{- with .Prev }}<a rel="prev" href="{{ .URL }}">{{ i18n "prev" }}</a>{{ end }}
<span>{{ .PageNumber }} / {{ .TotalPages }}</span>
{{- with .Next }}<a rel="next" href="{{ .URL }}">{{ i18n "next" }}</a>{{ end }}
</nav>
{{- end }}
"#;

/// Active offers of a taxonomy term, filtered once per term (not per pager page).
pub const HUGO_ACTIVE_IN: &str = r#"{{- return where .Pages "Params.status" "active" -}}
"#;

pub const HUGO_ACTIVE: &str = r#"{{- return where (where site.RegularPages "Section" "offers") "Params.status" "active" -}}
"#;

pub const HUGO_LIST: &str = r#"{{ define "main" }}
<nav class="crumbs" aria-label="Breadcrumb"><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a></nav>
<h1>{{ .Title }}</h1>
{{- if eq .Section "offers" }}
{{- /* filter once per language, not once per pager page */}}
{{- $active := partialCached "active-offers.html" . .Lang }}
<p class="lead">{{ i18n "current" }}: {{ len $active }}</p>
{{- $pager := .Paginate $active 24 }}
<ul class="cards">
{{- range $pager.Pages }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
</ul>
{{ partial "pager.html" $pager }}
{{- else }}
{{ .Content }}
<ul class="links">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Description }}</span></li>
{{- end }}
</ul>
{{- end }}
{{ end }}
"#;

pub const HUGO_TERM: &str = r#"{{ define "main" }}
<nav class="crumbs" aria-label="Breadcrumb"><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a> › <a href="{{ "offers/" | relLangURL }}">{{ i18n "offers" }}</a></nav>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- with .Params.website }}<p><a class="external" href="{{ . }}" rel="noopener">{{ i18n "website" }}</a></p>{{ end }}
{{- $active := partialCached "active-in.html" . .RelPermalink }}
<p class="lead">{{ i18n "current" }}: {{ len $active }}</p>
{{- $pager := .Paginate $active 24 }}
<ul class="cards">
{{- range $pager.Pages }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
</ul>
{{ partial "pager.html" $pager }}
{{ end }}
"#;

pub const HUGO_SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
"#;

pub const HUGO_BRANCH: &str = r#"{{ define "main" }}
<article class="branch">
<h1>{{ .Title }}</h1>
<p>{{ .Params.city }} · {{ .Params.province }}</p>
<dl>
<dt>{{ i18n "address" }}</dt><dd>{{ .Params.address }}</dd>
<dt>{{ i18n "hours" }}</dt><dd>{{ .Params.hours }}</dd>
<dt>{{ i18n "phone" }}</dt><dd><a href="tel:{{ replace .Params.phone " " "" }}">{{ .Params.phone }}</a></dd>
</dl>
</article>
{{ end }}
"#;

pub const HUGO_OFFER: &str = r#"{{ define "head" }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Offer" "name" .Title "description" .Description "url" .Permalink "serialNumber" .Params.coupon_code "validFrom" .Params.valid_from "validThrough" .Params.valid_until "inLanguage" .Lang | jsonify | safeJS }}</script>
{{ end }}
{{ define "main" }}
{{- $cat := index (.GetTerms "categories") 0 }}
<nav class="crumbs" aria-label="Breadcrumb"><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a> › <a href="{{ $cat.RelPermalink }}">{{ $cat.Title }}</a></nav>
<article class="offer offer-{{ .Params.status }}">
{{- if eq .Params.status "ended" }}
  <div class="notice notice-ended" role="status"><p><strong>{{ i18n "ended" }}</strong></p></div>
{{- else if eq .Params.status "upcoming" }}
  <div class="notice notice-upcoming" role="status"><p><strong>{{ i18n "upcoming" }} {{ partial "date.html" (dict "d" .Params.valid_from "lang" .Lang) }}</strong></p></div>
{{- end }}
  <p class="badge badge-big">{{ .Params.badge }}</p>
  <h1>{{ .Title }}</h1>
  <p class="lead">{{ .Description }}</p>
{{- if and .Params.coupon_code (ne .Params.status "ended") }}
  <section class="coupon" aria-labelledby="coupon-title">
    <h2 id="coupon-title">{{ i18n "coupon" }}</h2>
    <p class="code">{{ .Params.coupon_code }}</p>
    <p class="coupon-hint">{{ i18n "coupon_hint" }}</p>
  </section>
{{- end }}
  <dl class="facts">
    <div><dt>{{ i18n "valid" }}</dt><dd>{{ partial "date.html" (dict "d" .Params.valid_from "lang" .Lang) }} – {{ partial "date.html" (dict "d" .Params.valid_until "lang" .Lang) }}</dd></div>
    <div><dt>{{ i18n "partner" }}</dt><dd>{{ range .GetTerms "partners" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> · <a class="external" href="{{ .Params.website }}" rel="noopener">{{ i18n "website" }}</a>{{ end }}</dd></div>
    <div><dt>{{ i18n "category" }}</dt><dd><a href="{{ $cat.RelPermalink }}">{{ $cat.Title }}</a></dd></div>
    <div><dt>{{ i18n "where" }}</dt><dd>{{ range $i, $d := .GetTerms "destinations" }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</dd></div>
  </dl>
  <section class="details" aria-labelledby="details-title">
    <h2 id="details-title">{{ i18n "details" }}</h2>
    <div class="prose">{{ .Content }}</div>
  </section>
{{- with .Params.terms }}
  <section aria-labelledby="terms-title">
    <h2 id="terms-title">{{ i18n "applicable_terms" }}</h2>
    <ul class="links">
{{- range . }}{{ with site.GetPage (printf "/terms/%s" .) }}
      <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}{{ end }}
    </ul>
  </section>
{{- end }}
</article>
{{- $self := .RelPermalink }}
{{- $similar := first 7 (partialCached "active-in.html" $cat $cat.RelPermalink) }}
<section aria-labelledby="related-title">
  <h2 id="related-title">{{ i18n "similar" }}</h2>
  <ul class="cards">
{{- $n := 0 }}
{{- range $similar }}{{ if and (ne .RelPermalink $self) (lt $n 6) }}{{ $n = add $n 1 }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}{{ end }}
  </ul>
  <p><a href="{{ $cat.RelPermalink }}">{{ i18n "more_in" }} {{ $cat.Title }}</a></p>
</section>
{{ end }}
"#;

pub const HUGO_404: &str = r#"{{ define "main" }}
<h1>{{ i18n "notfound" }}</h1>
<p><a href="{{ "/" | relLangURL }}">{{ site.Title }}</a></p>
{{ end }}
"#;

pub const HUGO_SITEMAP: &str = r#"{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{{- range .Pages }}{{ if ne .Params.status "ended" }}
<url><loc>{{ .Permalink }}</loc>
{{- range .AllTranslations }}<xhtml:link rel="alternate" hreflang="{{ .Language.Params.locale }}" href="{{ .Permalink }}"/>{{ end -}}
</url>
{{- end }}{{ end }}
</urlset>
"#;

pub const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:0 1rem;line-height:1.5}\n\
header.site nav a{margin-right:.75rem}\n.cards{list-style:none;padding:0}\n.card{border-bottom:1px solid #ddd;padding:.5rem 0}\n\
.discount{color:#b00;font-weight:bold}\n.notice{background:#fee;padding:.5rem}\n";

/// Every file of the twin that is not content, by path.
pub const FILES: &[(&str, &str)] = &[
    ("hugo.toml", HUGO_TOML),
    ("i18n/zh.toml", HUGO_I18N_ZH),
    ("i18n/en.toml", HUGO_I18N_EN),
    ("static/assets/site.css", CSS),
    ("layouts/_default/baseof.html", HUGO_BASEOF),
    ("layouts/_default/list.html", HUGO_LIST),
    ("layouts/_default/term.html", HUGO_TERM),
    ("layouts/_default/single.html", HUGO_SINGLE),
    ("layouts/index.html", HUGO_INDEX),
    ("layouts/index.json", HUGO_INDEX_JSON),
    ("layouts/404.html", HUGO_404),
    ("layouts/_default/sitemap.xml", HUGO_SITEMAP),
    ("layouts/offers/single.html", HUGO_OFFER),
    ("layouts/branches/single.html", HUGO_BRANCH),
    ("layouts/partials/card.html", HUGO_CARD),
    ("layouts/partials/date.html", HUGO_DATE),
    ("layouts/partials/active-offers.html", HUGO_ACTIVE),
    ("layouts/partials/active-in.html", HUGO_ACTIVE_IN),
    ("layouts/partials/pager.html", HUGO_PAGER),
];
