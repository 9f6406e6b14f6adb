language-name = Norsk bokmål
site-title = Hjelp for Microsoft 365-administratorer

## Navigation
nav-skip = Gå til hovedinnholdet
nav-home = Hjem
nav-articles = Artikler
nav-on-this-page = På denne siden
nav-languages = Språk
nav-all-languages = Alle språk
nav-menu = Meny

## Banners
banner-stale = Denne oversettelsen kan være utdatert. Den opprinnelige artikkelen er endret siden den ble oversatt.
banner-stale-link = Les originalen
banner-untranslated = Denne artikkelen er ikke oversatt ennå. Den vises på originalspråket.

## Alert labels
alert-note = Obs!
alert-tip = Tips
alert-important = Viktig
alert-caution = Forsiktig
alert-warning = Advarsel

## 404 page
not-found-title = Finner ikke siden
not-found-body = Siden du leter etter, finnes ikke eller er flyttet.
not-found-home = Gå til startsiden

## Footer and landing page
footer-built-with = Bygget med tolk
home-articles-count =
    { $count ->
        [one] Én artikkel i denne hjelpen
       *[other] { $count } artikler i denne hjelpen
    }
root-choose-language = Velg språk
