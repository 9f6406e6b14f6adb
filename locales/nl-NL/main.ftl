language-name = Nederlands
site-title = Help voor Microsoft 365-beheerders

## Navigation
nav-skip = Naar de hoofdinhoud
nav-home = Start
nav-articles = Artikelen
nav-on-this-page = Op deze pagina
nav-languages = Taal
nav-all-languages = Alle talen
nav-menu = Menu

## Banners
banner-stale = Deze vertaling is mogelijk verouderd. Het oorspronkelijke artikel is gewijzigd sinds het is vertaald.
banner-stale-link = Lees het origineel
banner-untranslated = Dit artikel is nog niet vertaald. Het wordt in de oorspronkelijke taal weergegeven.

## Alert labels
alert-note = Opmerking
alert-tip = Tip
alert-important = Belangrijk
alert-caution = Voorzichtig
alert-warning = Waarschuwing

## 404 page
not-found-title = Pagina niet gevonden
not-found-body = De pagina die u zoekt, bestaat niet of is verplaatst.
not-found-home = Naar de startpagina

## Footer and landing page
footer-built-with = Gemaakt met tolk
home-articles-count =
    { $count ->
        [one] Eén artikel in deze help
       *[other] { $count } artikelen in deze help
    }
root-choose-language = Kies uw taal
