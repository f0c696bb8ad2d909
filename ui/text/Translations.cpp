#include "text/Translations.h"

#include <QCoreApplication>
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

}  // namespace Poplar::Ui
