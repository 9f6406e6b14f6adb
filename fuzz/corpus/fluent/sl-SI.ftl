language-name = Slovenščina
site-title = Pomoč za skrbnike storitve Microsoft 365

## Navigation
nav-skip = Preskoči na glavno vsebino
nav-home = Domov
nav-articles = Članki
nav-on-this-page = Na tej strani
nav-languages = Jezik
nav-all-languages = Vsi jeziki
nav-menu = Meni

## Banners
banner-stale = Ta prevod je morda zastarel. Izvirni članek se je od prevajanja spremenil.
banner-stale-link = Preberite izvirnik
banner-untranslated = Ta članek še ni preveden. Prikazan je v izvirnem jeziku.

## Alert labels
alert-note = Opomba
alert-tip = Namig
alert-important = Pomembno
alert-caution = Previdno
alert-warning = Opozorilo

## 404 page
not-found-title = Strani ni mogoče najti
not-found-body = Stran, ki jo iščete, ne obstaja ali je bila premaknjena.
not-found-home = Na domačo stran

## Footer and landing page
footer-built-with = Izdelano z orodjem tolk
home-articles-count =
    { $count ->
        [one] { $count } članek v tej pomoči
        [two] { $count } članka v tej pomoči
        [few] { $count } članki v tej pomoči
       *[other] { $count } člankov v tej pomoči
    }
root-choose-language = Izberite jezik
