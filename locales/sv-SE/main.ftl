language-name = Svenska
site-title = Hjälp för Microsoft 365-administratörer

## Navigation
nav-skip = Hoppa till huvudinnehållet
nav-home = Start
nav-articles = Artiklar
nav-on-this-page = På den här sidan
nav-languages = Språk
nav-all-languages = Alla språk
nav-menu = Meny

## Banners
banner-stale = Den här översättningen kan vara inaktuell. Originalartikeln har ändrats sedan den översattes.
banner-stale-link = Läs originalet
banner-untranslated = Den här artikeln har inte översatts ännu. Den visas på originalspråket.

## Alert labels
alert-note = Obs!
alert-tip = Tips
alert-important = Viktigt
alert-caution = Var försiktig
alert-warning = Varning

## 404 page
not-found-title = Sidan hittades inte
not-found-body = Sidan du letar efter finns inte eller har flyttats.
not-found-home = Gå till startsidan

## Footer and landing page
footer-built-with = Byggd med tolk
home-articles-count =
    { $count ->
        [one] En artikel i den här hjälpen
       *[other] { $count } artiklar i den här hjälpen
    }
root-choose-language = Välj ditt språk
