# Strings built into tolk: the last fallback for every locale's chrome.
language-name = English
nav-skip = Skip to main content
nav-home = Home
nav-articles = Articles
nav-on-this-page = On this page
nav-languages = Language
nav-all-languages = All languages
nav-menu = Menu
banner-stale = This translation may be out of date. The original article has changed since it was translated.
banner-stale-link = Read the original
banner-untranslated = This article has not been translated yet. It is shown in its original language.
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-caution = Caution
alert-warning = Warning
not-found-title = Page not found
not-found-body = The page you are looking for does not exist or has moved.
not-found-home = Go to the home page
footer-built-with = Built with tolk
home-articles-count =
    { $count ->
        [one] One article
       *[other] { $count } articles
    }
root-choose-language = Choose your language
status-title = Translation status
status-locale = Locale
status-articles = Articles
status-up-to-date = Up to date
status-stale = Stale
status-untracked = Untracked
status-missing = Missing
status-orphaned = Orphaned
status-current = Current
status-ui-strings = UI strings
status-source = source
