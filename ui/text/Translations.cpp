#include "text/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace Poplar::Ui {

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("poplar"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        return true;
    }
    // No translation for this language: use the English one, which holds
    // only the plural forms ("1 message", "2 messages").
    if (own->load(QStringLiteral("poplar_en"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        return false;
    }
    delete own;
    return false;
}

QStringList availableLanguages()
{
    QStringList codes;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({ QStringLiteral("poplar_*.qm") }, QDir::Files);
    for (const QString &file : files)
        codes << file.mid(7, file.size() - 7 - 3);  // poplar_XX.qm
    codes.sort();
    return codes;
}

QLocale chooseLanguage(const QString &language)
{
    if (language.isEmpty() || !availableLanguages().contains(language))
        return QLocale::system();
    const QLocale locale(language);
    QLocale::setDefault(locale);
    return locale;
}

}  // namespace Poplar::Ui
