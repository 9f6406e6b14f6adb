language-name = Dansk
site-title = Microsoft 365-administrationshjælp

## Navigation
nav-skip = Gå til hovedindhold
nav-home = Start
nav-articles = Artikler
nav-on-this-page = På denne side
nav-languages = Sprog
nav-all-languages = Alle sprog
nav-menu = Menu

## Banners
banner-stale = Denne oversættelse er muligvis forældet. Den oprindelige artikel er ændret, siden den blev oversat.
banner-stale-link = Læs originalen
banner-untranslated = Denne artikel er ikke oversat endnu. Den vises på originalsproget.

## Alert labels
alert-note = Bemærk
alert-tip = Tip
alert-important = Vigtigt
alert-caution = Forsigtig
alert-warning = Advarsel

## 404 page
not-found-title = Siden blev ikke fundet
not-found-body = Den side, du leder efter, findes ikke eller er flyttet.
not-found-home = Gå til startsiden

## Footer and landing page
footer-built-with = Bygget med tolk
home-articles-count =
    { $count ->
        [one] Én artikel i denne hjælp
       *[other] { $count } artikler i denne hjælp
    }
root-choose-language = Vælg dit sprog
