# Site chrome for the source locale. Every other locale translates these
# messages; a message a locale lacks falls back along nb-NO → nb → en-US.

language-name = English (United States)
site-title = Microsoft 365 admin help

## Navigation
nav-skip = Skip to main content
nav-home = Home
nav-articles = Articles
nav-on-this-page = On this page
nav-languages = Language
nav-all-languages = All languages
nav-menu = Menu

## Banners
banner-stale = This translation may be out of date. The original article has changed since it was translated.
banner-stale-link = Read the original
banner-untranslated = This article has not been translated yet. It is shown in its original language.

## Alert labels
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-caution = Caution
alert-warning = Warning

## 404 page
not-found-title = Page not found
not-found-body = The page you are looking for does not exist or has moved.
not-found-home = Go to the home page

## Footer and landing page
footer-built-with = Built with tolk
home-articles-count =
    { $count ->
        [one] One article in this help
       *[other] { $count } articles in this help
    }
root-choose-language = Choose your language
