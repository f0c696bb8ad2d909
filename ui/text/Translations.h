#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Poplar::Ui {

// Installs Poplar's translation for `locale` (from the :/i18n resources) and
// Qt's own (qtbase_*.qm from the Qt installation). Returns whether Poplar's
// own translation was found; English needs none.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

// The locale for a language the user chose ("de", "en"), which also becomes
// the default locale so that dates and numbers follow the words; the
// system's locale when `language` is empty or not one Poplar speaks.
QLocale chooseLanguage(const QString &language);
// The languages Poplar speaks (codes such as "de", "en"), sorted.
QStringList availableLanguages();

}  // namespace Poplar::Ui
