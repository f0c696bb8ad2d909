<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountText</name>
    <message>
        <source>See: poplar-cli account %1 --help</source>
        <translation>Siehe: poplar-cli account %1 --help</translation>
    </message>
    <message>
        <source>The account&apos;s email address.</source>
        <translation>Die E-Mail-Adresse des Kontos.</translation>
    </message>
    <message>
        <source>Your name, as shown.</source>
        <translation>Ihr Name, wie er angezeigt wird.</translation>
    </message>
    <message>
        <source>The POP3 server.</source>
        <translation>Der POP3-Server.</translation>
    </message>
    <message>
        <source>The server&apos;s port (default: 995 for tls, 110 otherwise).</source>
        <translation>Der Port des Servers (Standard: 995 für tls, sonst 110).</translation>
    </message>
    <message>
        <source>tls (default), starttls, or none (unencrypted: the password is readable on the way).</source>
        <translation>tls (Standard), starttls oder none (unverschlüsselt: das Passwort ist unterwegs lesbar).</translation>
    </message>
    <message>
        <source>Login name (default: the email address).</source>
        <translation>Anmeldename (Standard: die E-Mail-Adresse).</translation>
    </message>
    <message>
        <source>auto (default: the strongest both sides offer) or a mechanism, e.g. SCRAM-SHA-256.</source>
        <translation>auto (Standard: das stärkste Verfahren, das beide Seiten anbieten) oder ein Verfahren, z. B. SCRAM-SHA-256.</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation>Zusätzlich den CA-Zertifikaten in dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <source>Trust the server certificate with this SHA-256 fingerprint.</source>
        <translation>Dem Serverzertifikat mit diesem SHA-256-Fingerabdruck vertrauen.</translation>
    </message>
    <message>
        <source>yes (default): keep mail on the server; no: delete it right after download.</source>
        <translation>yes (Standard): E-Mails auf dem Server belassen; no: direkt nach dem Herunterladen löschen.</translation>
    </message>
    <message>
        <source>Delete on the server N days after the first download (0: no limit).</source>
        <translation>N Tage nach dem ersten Herunterladen auf dem Server löschen (0: keine Grenze).</translation>
    </message>
    <message>
        <source>Keep at most N messages on the server, oldest go first (0: no limit).</source>
        <translation>Höchstens N Nachrichten auf dem Server behalten, die ältesten zuerst löschen (0: keine Grenze).</translation>
    </message>
    <message>
        <source>Keep at most N MB on the server, oldest go first (0: no limit).</source>
        <translation>Höchstens N MB auf dem Server behalten, die ältesten zuerst löschen (0: keine Grenze).</translation>
    </message>
    <message>
        <source>Delete on the server when deleted here (leaving Trash or deleted permanently).</source>
        <translation>Auf dem Server löschen, wenn hier gelöscht (aus dem Papierkorb entfernt oder endgültig gelöscht).</translation>
    </message>
    <message>
        <source>Do not delete on the server because of local deletions.</source>
        <translation>Wegen lokaler Löschungen nichts auf dem Server löschen.</translation>
    </message>
    <message>
        <source>Store messages over KB as headers and first lines (0: no limit).</source>
        <translation>Nachrichten über KB nur als Kopfzeilen und erste Zeilen speichern (0: keine Grenze).</translation>
    </message>
    <message>
        <source>Minutes between fetches (default 10).</source>
        <translation>Minuten zwischen zwei Abrufen (Standard 10).</translation>
    </message>
    <message>
        <source>Deliver into this folder instead of the account&apos;s Inbox (&quot;Inbox&quot; to go back).</source>
        <translation>In diesen Ordner statt in den Posteingang des Kontos zustellen („Inbox“ stellt es zurück).</translation>
    </message>
    <message>
        <source>Fetch this account.</source>
        <translation>Dieses Konto abrufen.</translation>
    </message>
    <message>
        <source>Do not fetch this account.</source>
        <translation>Dieses Konto nicht abrufen.</translation>
    </message>
    <message>
        <source>--%1 must be a number from 0 to %2.</source>
        <translation>--%1 muss eine Zahl von 0 bis %2 sein.</translation>
    </message>
    <message>
        <source>Unknown authentication mechanism: %1</source>
        <translation>Unbekanntes Anmeldeverfahren: %1</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>Aus %1 konnte kein PEM-Zertifikat gelesen werden.</translation>
    </message>
    <message>
        <source>--leave-on-server must be yes or no.</source>
        <translation>--leave-on-server muss yes oder no sein.</translation>
    </message>
    <message>
        <source>Give either --delete-when-deleted-locally or --no-delete-when-deleted-locally.</source>
        <translation>Geben Sie entweder --delete-when-deleted-locally oder --no-delete-when-deleted-locally an.</translation>
    </message>
    <message>
        <source>No folder %1.</source>
        <translation>Es gibt keinen Ordner %1.</translation>
    </message>
    <message>
        <source>Give either --enable or --disable.</source>
        <translation>Geben Sie entweder --enable oder --disable an.</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>Der Name des Kontos.</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>Der Befehl.</translation>
    </message>
    <message>
        <source>What to do.</source>
        <translation>Was zu tun ist.</translation>
    </message>
    <message>
        <source>Unexpected arguments: %1</source>
        <translation>Unerwartete Argumente: %1</translation>
    </message>
    <message>
        <source>Password for %1 at %2: </source>
        <translation>Passwort für %1 auf %2: </translation>
    </message>
    <message>
        <source>No terminal to ask for the password; use --password-stdin.</source>
        <translation>Kein Terminal, um nach dem Passwort zu fragen; verwenden Sie --password-stdin.</translation>
    </message>
    <message>
        <source>The account&apos;s settings are saved, but not its password. Give it with each fetch (--password-stdin), or run &quot;poplar-cli account edit --name %1 --password-stdin&quot; once a keychain is available.</source>
        <translation>Die Einstellungen des Kontos sind gespeichert, sein Passwort nicht. Geben Sie es bei jedem Abruf an (--password-stdin) oder führen Sie „poplar-cli account edit --name %1 --password-stdin“ aus, sobald ein Schlüsselbund verfügbar ist.</translation>
    </message>
    <message>
        <source>delete from server after download</source>
        <translation>nach dem Herunterladen vom Server löschen</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>keep on server</source>
        <translation>auf dem Server behalten</translation>
    </message>
    <message>
        <source>keep on server at most %1</source>
        <translation>auf dem Server höchstens %1 behalten</translation>
    </message>
    <message>
        <source>; delete on server when deleted here</source>
        <translation>; auf dem Server löschen, wenn hier gelöscht</translation>
    </message>
    <message>
        <source>; over %1 KB: headers and first lines only</source>
        <translation>; über %1 KB: nur Kopfzeilen und erste Zeilen</translation>
    </message>
    <message>
        <source>Adds a POP3 account; its password goes to the system keychain.</source>
        <translation>Fügt ein POP3-Konto hinzu; sein Passwort kommt in den Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Das Passwort aus der ersten Zeile der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>--%1 is required.</source>
        <translation>--%1 ist erforderlich.</translation>
    </message>
    <message>
        <source>The account was not added: %1</source>
        <translation>Das Konto wurde nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Added account %1; its mail goes to %2.</source>
        <translation>Konto %1 hinzugefügt; seine E-Mails kommen nach %2.</translation>
    </message>
    <message>
        <source>Warning: this account does not encrypt its connection; the password and your mail can be read on the way.</source>
        <translation>Warnung: Dieses Konto verschlüsselt seine Verbindung nicht; Passwort und E-Mails sind unterwegs lesbar.</translation>
    </message>
    <message>
        <source>No password was given; Poplar asks for it on the first fetch.</source>
        <translation>Es wurde kein Passwort angegeben; Poplar fragt beim ersten Abruf danach.</translation>
    </message>
    <message>
        <source>Changes an account&apos;s settings or password.</source>
        <translation>Ändert die Einstellungen oder das Passwort eines Kontos.</translation>
    </message>
    <message>
        <source>Rename the account.</source>
        <translation>Das Konto umbenennen.</translation>
    </message>
    <message>
        <source>Replace the saved password with the first line of standard input.</source>
        <translation>Das gespeicherte Passwort durch die erste Zeile der Standardeingabe ersetzen.</translation>
    </message>
    <message>
        <source>Ask for a new password.</source>
        <translation>Nach einem neuen Passwort fragen.</translation>
    </message>
    <message>
        <source>--name is required.</source>
        <translation>--name ist erforderlich.</translation>
    </message>
    <message>
        <source>The account was not changed: %1</source>
        <translation>Das Konto wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Saved account %1.</source>
        <translation>Konto %1 gespeichert.</translation>
    </message>
    <message>
        <source>Lists the accounts (never their passwords).</source>
        <translation>Listet die Konten auf (niemals ihre Passwörter).</translation>
    </message>
    <message>
        <source>Print JSON (see README: JSON output).</source>
        <translation>JSON ausgeben (siehe README: JSON output).</translation>
    </message>
    <message>
        <source>No accounts. Add one with &quot;poplar-cli account add&quot;.</source>
        <translation>Keine Konten. Fügen Sie eines mit „poplar-cli account add“ hinzu.</translation>
    </message>
    <message>
        <source> (disabled)</source>
        <translation> (deaktiviert)</translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>jede Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Removes an account and its saved password. Its mail stays, in a local folder.</source>
        <translation>Entfernt ein Konto und sein gespeichertes Passwort. Seine E-Mails bleiben in einem lokalen Ordner erhalten.</translation>
    </message>
    <message>
        <source>Removed account %1. Its mail is in %2.</source>
        <translation>Konto %1 entfernt. Seine E-Mails liegen in %2.</translation>
    </message>
    <message>
        <source>Its password may still be in the keychain.</source>
        <translation>Sein Passwort ist möglicherweise noch im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Use the first line of standard input as the password, for this run only.</source>
        <translation>Die erste Zeile der Standardeingabe als Passwort verwenden, nur für diesen Aufruf.</translation>
    </message>
    <message>
        <source>Logged in to %1 as %2 with %3.</source>
        <translation>Bei %1 als %2 mit %3 angemeldet.</translation>
    </message>
    <message numerus="yes">
        <source>The mailbox holds %n message(s)</source>
        <translation>
            <numerusform>Das Postfach enthält %n Nachricht</numerusform>
            <numerusform>Das Postfach enthält %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 octets).</source>
        <translation> (%1 Oktette).</translation>
    </message>
    <message>
        <source>Usage: poplar-cli account add|edit|list|remove|test [OPTIONS]
Run &apos;poplar-cli account add --help&apos; for the options.</source>
        <translation>Aufruf: poplar-cli account add|edit|list|remove|test [OPTIONEN]
Die Optionen zeigt „poplar-cli account add --help“.</translation>
    </message>
    <message>
        <source>No password was typed.</source>
        <translation>Es wurde kein Passwort eingegeben.</translation>
    </message>
    <message>
        <source>The outgoing (SMTP submission) server (&quot;&quot; for none: nothing is sent).</source>
        <translation>Der Postausgangsserver (SMTP-Submission) (&quot;&quot; für keinen: es wird nichts gesendet).</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s port (default: 465 for tls, 587 otherwise).</source>
        <translation>Der Port des Postausgangsservers (Standard: 465 bei tls, sonst 587).</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s login name (default: the account&apos;s; &quot;&quot; to go back to it).</source>
        <translation>Der Anmeldename beim Postausgangsserver (Standard: der des Kontos; &quot;&quot; kehrt zu ihm zurück).</translation>
    </message>
    <message>
        <source>auto (default) or a mechanism for the outgoing server, e.g. SCRAM-SHA-256.</source>
        <translation>auto (Standard) oder ein Verfahren für den Postausgangsserver, z. B. SCRAM-SHA-256.</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file for the outgoing server.</source>
        <translation>Für den Postausgangsserver auch den CA-Zertifikaten in dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <source>Trust the outgoing server&apos;s certificate with this SHA-256 fingerprint.</source>
        <translation>Dem Zertifikat des Postausgangsservers mit diesem SHA-256-Fingerabdruck vertrauen.</translation>
    </message>
    <message>
        <source>Give either --%1 or --%2, not both.</source>
        <translation>Geben Sie entweder --%1 oder --%2 an, nicht beides.</translation>
    </message>
    <message>
        <source>--%1 must be a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation>--%1 muss ein SHA-256-Fingerabdruck sein (64 Hexadezimalziffern, Doppelpunkte erlaubt).</translation>
    </message>
    <message>
        <source>Unknown authentication mechanism for the outgoing server: %1</source>
        <translation>Unbekanntes Anmeldeverfahren für den Postausgangsserver: %1</translation>
    </message>
    <message>
        <source>No password for the outgoing server on standard input (its line comes after the account&apos;s password when both are given).</source>
        <translation>Kein Passwort für den Postausgangsserver auf der Standardeingabe (seine Zeile folgt auf das Passwort des Kontos, wenn beide angegeben werden).</translation>
    </message>
    <message>
        <source>The account&apos;s settings are saved, but not the outgoing server&apos;s password. Run &quot;poplar-cli account edit --name %1 --smtp-password-stdin&quot; once a keychain is available.</source>
        <translation>Die Einstellungen des Kontos sind gespeichert, das Passwort des Postausgangsservers aber nicht. Führen Sie „poplar-cli account edit --name %1 --smtp-password-stdin“ aus, sobald ein Schlüsselbund verfügbar ist.</translation>
    </message>
    <message>
        <source>The outgoing server has a password of its own: read it from standard input (the line after the account&apos;s password when --password-stdin is given too).</source>
        <translation>Der Postausgangsserver hat ein eigenes Passwort: es von der Standardeingabe lesen (die Zeile nach dem Passwort des Kontos, wenn auch --password-stdin angegeben ist).</translation>
    </message>
    <message>
        <source>No outgoing server is set up, so nothing can be sent with this account yet (--smtp-host).</source>
        <translation>Es ist kein Postausgangsserver eingerichtet, daher kann mit diesem Konto noch nichts gesendet werden (--smtp-host).</translation>
    </message>
    <message>
        <source>Give the outgoing server a password of its own, read from standard input (the line after the account&apos;s password when --password-stdin is given too).</source>
        <translation>Dem Postausgangsserver ein eigenes Passwort geben, von der Standardeingabe gelesen (die Zeile nach dem Passwort des Kontos, wenn auch --password-stdin angegeben ist).</translation>
    </message>
    <message>
        <source>The outgoing server takes the account&apos;s password again (its own is removed).</source>
        <translation>Der Postausgangsserver verwendet wieder das Passwort des Kontos (sein eigenes wird entfernt).</translation>
    </message>
    <message>
        <source>Give either --smtp-password-stdin or --smtp-same-password.</source>
        <translation>Geben Sie entweder --smtp-password-stdin oder --smtp-same-password an.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s own password may still be in the keychain.</source>
        <translation>Das eigene Passwort des Postausgangsservers ist möglicherweise noch im Schlüsselbund.</translation>
    </message>
    <message>
        <source>sends via %1</source>
        <translation>sendet über %1</translation>
    </message>
    <message>
        <source>, own password</source>
        <translation>, eigenes Passwort</translation>
    </message>
    <message>
        <source>no outgoing server</source>
        <translation>kein Postausgangsserver</translation>
    </message>
    <message>
        <source>--smtp-password-stdin needs an outgoing server (--smtp-host).</source>
        <translation>--smtp-password-stdin braucht einen Postausgangsserver (--smtp-host).</translation>
    </message>
    <message>
        <source>Logged in to the outgoing server %1 as %2 with %3.</source>
        <translation>Beim Postausgangsserver %1 als %2 mit %3 angemeldet.</translation>
    </message>
    <message>
        <source>It takes messages of up to %1.</source>
        <translation>Er nimmt Nachrichten bis %1 an.</translation>
    </message>
    <message>
        <source>Connects to the account&apos;s servers (incoming, and outgoing when it has one) and logs in with the saved passwords; changes nothing and sends nothing.</source>
        <translation>Verbindet sich mit den Servern des Kontos (Posteingang und, falls vorhanden, Postausgang) und meldet sich mit den gespeicherten Passwörtern an; ändert nichts und sendet nichts.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s own password from standard input (the line after the account&apos;s with --password-stdin), for this run only.</source>
        <translation>Das eigene Passwort des Postausgangsservers von der Standardeingabe (die Zeile nach dem des Kontos bei --password-stdin), nur für diesen Aufruf.</translation>
    </message>
    <message>
        <source>Test only the POP3 server.</source>
        <translation>Nur den POP3-Server testen.</translation>
    </message>
    <message>
        <source>Test only the outgoing server.</source>
        <translation>Nur den Postausgangsserver testen.</translation>
    </message>
    <message>
        <source>Give either --incoming or --outgoing.</source>
        <translation>Geben Sie entweder --incoming oder --outgoing an.</translation>
    </message>
    <message>
        <source>--%1 must be tls, starttls or none.</source>
        <translation>--%1 muss tls, starttls oder none sein.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Unknown command: %1</source>
        <translation>Unbekannter Befehl: %1</translation>
    </message>
    <message>
        <source>Usage: poplar-cli [--profile DIR] COMMAND [OPTIONS]

Commands:
  account   add, edit, list, remove or test a POP3 account
  send      write a message and send it (through the outbox)
  outbox    list the outbox, send it, or settle a message in it
  fetch     download new mail (all enabled accounts, or --account NAME)
  watch     fetch every enabled account on its schedule until stopped
  download-rest       download the whole of a message stored in part
  delete-from-server  delete a stored message&apos;s copy on the server
  probe     show what a POP3 server offers and test a login
  folders   list the folders with message and unread counts
  list      list messages, newest first
  show      show a message (text, HTML, headers, raw or attachments)
  import    import mbox files, Maildirs and .eml files into a folder
  export    export a folder to mbox, Maildir or .eml files
  save-attachment  save a message&apos;s attachment into a directory
  check     check the store&apos;s integrity
  reindex   derive every message&apos;s fields again from its bytes
  backup    write a consistent copy of the store
  restore   put a backup in place in an empty profile

Global options (before or after the command):
  --profile DIR  use the profile in DIR (default: $POPLAR_PROFILE, else your
                 data folder); only account add, import and restore create one

Run &apos;poplar-cli COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>Aufruf: poplar-cli [--profile DIR] BEFEHL [OPTIONEN]

Befehle:
  account   ein POP3-Konto hinzufügen, ändern, auflisten, entfernen oder testen
  send      eine Nachricht schreiben und senden (über den Postausgang)
  outbox    den Postausgang auflisten, senden oder eine Nachricht darin klären
  fetch     neue Post abholen (alle aktiven Konten oder --account NAME)
  watch     alle aktiven Konten nach Zeitplan abrufen, bis es beendet wird
  download-rest       eine nur teilweise gespeicherte Nachricht ganz herunterladen
  delete-from-server  die Kopie einer gespeicherten Nachricht auf dem Server löschen
  probe     zeigen, was ein POP3-Server anbietet, und eine Anmeldung testen
  folders   die Ordner mit Anzahl der Nachrichten und ungelesenen auflisten
  list      Nachrichten auflisten, neueste zuerst
  show      eine Nachricht zeigen (Text, HTML, Kopfzeilen, Rohform oder Anhänge)
  import    mbox-Dateien, Maildirs und .eml-Dateien in einen Ordner importieren
  export    einen Ordner als mbox, Maildir oder .eml-Dateien exportieren
  save-attachment  einen Anhang einer Nachricht in einem Verzeichnis speichern
  check     prüfen, ob der Nachrichtenspeicher unbeschädigt ist
  reindex   die Felder jeder Nachricht neu aus ihren Bytes ableiten
  backup    eine in sich stimmige Kopie des Nachrichtenspeichers schreiben
  restore   eine Sicherung in einem leeren Profil wiederherstellen

Globale Optionen (vor oder nach dem Befehl):
  --profile DIR  das Profil in DIR verwenden (Standard: $POPLAR_PROFILE, sonst Ihr
                 Datenordner); nur account add, import und restore legen eines an

Mit „poplar-cli BEFEHL --help“ erhalten Sie die Optionen eines Befehls.
</translation>
    </message>
</context>
<context>
    <name>CommandText</name>
    <message>
        <source>Print JSON (see README: JSON output).</source>
        <translation>JSON ausgeben (siehe README: JSON-Ausgabe).</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>Der Befehl.</translation>
    </message>
    <message>
        <source>Use the profile in DIR (also before the command: poplar-cli --profile DIR COMMAND).</source>
        <translation>Das Profil in DIR verwenden (auch vor dem Befehl: poplar-cli --profile DIR BEFEHL).</translation>
    </message>
    <message>
        <source>--profile needs a directory: --profile DIR.</source>
        <translation>--profile braucht ein Verzeichnis: --profile DIR.</translation>
    </message>
    <message>
        <source>There is no Poplar profile in %1. &quot;poplar-cli account add&quot;, &quot;import&quot; and &quot;restore&quot; make one; check --profile DIR or $POPLAR_PROFILE.</source>
        <translation>In %1 gibt es kein Poplar-Profil. „poplar-cli account add“, „import“ und „restore“ legen eines an; prüfen Sie --profile DIR oder $POPLAR_PROFILE.</translation>
    </message>
    <message>
        <source>Poplar does not use the profile in %1: it cannot be made readable by you alone (is it on a file system without permissions?).</source>
        <translation>Poplar verwendet das Profil in %1 nicht: Es lässt sich nicht so einstellen, dass nur Sie es lesen können (liegt es auf einem Dateisystem ohne Zugriffsrechte?).</translation>
    </message>
    <message>
        <source>The profile directory %1 cannot be created.</source>
        <translation>Das Profilverzeichnis %1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>No error.</source>
        <translation>Kein Fehler.</translation>
    </message>
    <message>
        <source>The request was not valid.</source>
        <translation>Die Anfrage war ungültig.</translation>
    </message>
    <message>
        <source>Poplar tried to do something at the wrong moment. Please try again.</source>
        <translation>Poplar hat versucht, einen Vorgang zum falschen Zeitpunkt auszuführen. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was deleted on the server.</source>
        <translation>Abgebrochen. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>Poplar could not save mail on this computer (is the disk full?). Nothing was deleted on the server.</source>
        <translation>Poplar konnte die E-Mails nicht auf diesem Computer speichern (ist der Datenträger voll?). Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The server name could not be found. Check the server name and your network.</source>
        <translation>Der Servername wurde nicht gefunden. Überprüfen Sie den Servernamen und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The server refused the connection. Check the server name, the port and the security setting.</source>
        <translation>Der Server hat die Verbindung abgelehnt. Überprüfen Sie den Servernamen, den Port und die Sicherheitseinstellung.</translation>
    </message>
    <message>
        <source>Could not connect to the server. Check your network connection.</source>
        <translation>Es konnte keine Verbindung zum Server hergestellt werden. Überprüfen Sie Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The server did not answer in time. It may be down, or the port may be wrong.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Möglicherweise ist er nicht erreichbar oder der Port ist falsch.</translation>
    </message>
    <message>
        <source>The proxy server could not be used. Check the proxy settings.</source>
        <translation>Der Proxyserver konnte nicht verwendet werden. Überprüfen Sie die Proxy-Einstellungen.</translation>
    </message>
    <message>
        <source>A secure connection could not be set up. The server may not support the chosen security setting.</source>
        <translation>Es konnte keine sichere Verbindung hergestellt werden. Möglicherweise unterstützt der Server die gewählte Sicherheitseinstellung nicht.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so Poplar did not connect.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut, daher hat Poplar keine Verbindung hergestellt.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you trusted it. This can mean someone is intercepting the connection. Poplar did not connect.</source>
        <translation>Das Zertifikat des Servers hat sich geändert, seit Sie ihm vertraut haben. Das kann bedeuten, dass jemand die Verbindung abfängt. Poplar hat keine Verbindung hergestellt.</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS, so Poplar did not send your password. Use TLS on port 995 if the server supports it.</source>
        <translation>Der Server bietet kein STARTTLS an, daher hat Poplar Ihr Passwort nicht gesendet. Verwenden Sie TLS auf Port 995, falls der Server dies unterstützt.</translation>
    </message>
    <message>
        <source>Switching to a secure connection (STARTTLS) failed, so Poplar did not send your password.</source>
        <translation>Der Wechsel zu einer sicheren Verbindung (STARTTLS) ist fehlgeschlagen, daher hat Poplar Ihr Passwort nicht gesendet.</translation>
    </message>
    <message>
        <source>The server sent a reply Poplar does not understand. Nothing was deleted on the server.</source>
        <translation>Der Server hat eine Antwort gesendet, die Poplar nicht versteht. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The server sent an overlong reply and Poplar stopped reading. Nothing was deleted on the server.</source>
        <translation>Der Server hat eine zu lange Antwort gesendet, daher hat Poplar das Lesen abgebrochen. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The server did not accept the user name or password.</source>
        <translation>Der Server hat den Benutzernamen oder das Passwort nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The server offers no sign-in method that Poplar can use with these settings.</source>
        <translation>Der Server bietet keine Anmeldemethode an, die Poplar mit diesen Einstellungen verwenden kann.</translation>
    </message>
    <message>
        <source>The server would receive your password unencrypted, so Poplar did not send it. Use TLS or STARTTLS, or allow insecure connections for this account.</source>
        <translation>Der Server würde Ihr Passwort unverschlüsselt erhalten, daher hat Poplar es nicht gesendet. Verwenden Sie TLS oder STARTTLS oder erlauben Sie unsichere Verbindungen für dieses Konto.</translation>
    </message>
    <message>
        <source>The server could not prove that it knows your password. It may not be the server you think it is.</source>
        <translation>Der Server konnte nicht nachweisen, dass er Ihr Passwort kennt. Möglicherweise ist es nicht der Server, für den Sie ihn halten.</translation>
    </message>
    <message>
        <source>The server refused access permanently. Contact your mail provider.</source>
        <translation>Der Server hat den Zugriff dauerhaft verweigert. Wenden Sie sich an Ihren E-Mail-Anbieter.</translation>
    </message>
    <message>
        <source>The server requires UTF-8 support for this account.</source>
        <translation>Der Server erfordert für dieses Konto UTF-8-Unterstützung.</translation>
    </message>
    <message>
        <source>The server reported an error.</source>
        <translation>Der Server hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>An unknown error occurred.</source>
        <translation>Ein unbekannter Fehler ist aufgetreten.</translation>
    </message>
    <message>
        <source>The server said: &quot;%1&quot;</source>
        <translation>Antwort des Servers: „%1“</translation>
    </message>
    <message>
        <source>The message, folder or file was not found.</source>
        <translation>Die Nachricht, der Ordner oder die Datei wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The disk is full, so Poplar could not save mail. Free some space; nothing was lost and nothing was deleted on the server.</source>
        <translation>Der Datenträger ist voll, daher konnte Poplar keine E-Mails speichern. Geben Sie Speicherplatz frei; es ging nichts verloren und auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>Another Poplar program is busy with your mail. Try again in a moment.</source>
        <translation>Ein anderes Poplar-Programm verarbeitet gerade Ihre E-Mails. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Poplar&apos;s mail database is damaged or is not a Poplar database. Restore it from a backup, or run &quot;poplar-cli check&quot; for details.</source>
        <translation>Die E-Mail-Datenbank von Poplar ist beschädigt oder keine Poplar-Datenbank. Stellen Sie sie aus einer Sicherung wieder her oder führen Sie „poplar-cli check“ aus, um Details zu erhalten.</translation>
    </message>
    <message>
        <source>Poplar&apos;s mail database reported an error.</source>
        <translation>Die E-Mail-Datenbank von Poplar hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>The search term “%1” is not understood. Dates are written like before:2026-11-22, has: takes “attachment”, is: takes unread, read, flagged or unflagged, and folder: a folder path.</source>
        <translation>Der Suchbegriff „%1“ ist unverständlich. Datumsangaben werden wie before:2026-11-22 geschrieben, has: kennt „attachment“, is: kennt unread, read, flagged oder unflagged, und folder: erwartet einen Ordnerpfad.</translation>
    </message>
    <message>
        <source>No password is saved for this account. Enter it again; Poplar keeps it in the system keychain.</source>
        <translation>Für dieses Konto ist kein Passwort gespeichert. Geben Sie es erneut ein; Poplar bewahrt es im Schlüsselbund des Systems auf.</translation>
    </message>
    <message>
        <source>The system keychain is locked, so Poplar cannot read or save the password. Unlock it (it usually unlocks when you log in), or enter the password for this session only.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt, daher kann Poplar das Passwort weder lesen noch speichern. Entsperren Sie ihn (meist geschieht das bei der Anmeldung) oder geben Sie das Passwort nur für diese Sitzung ein.</translation>
    </message>
    <message>
        <source>No system keychain is available to keep the password (is a Secret Service such as GNOME Keyring or KWallet running?). You can enter the password for this session only; Poplar never saves it anywhere else.</source>
        <translation>Es ist kein Schlüsselbund verfügbar, der das Passwort aufbewahren kann (läuft ein Secret Service wie GNOME Keyring oder KWallet?). Sie können das Passwort nur für diese Sitzung eingeben; Poplar speichert es nirgendwo anders.</translation>
    </message>
    <message>
        <source>This account is already being checked for mail (perhaps by another Poplar program). Try again when that has finished.</source>
        <translation>Für dieses Konto wird gerade schon Post abgeholt (vielleicht von einem anderen Poplar-Programm). Versuchen Sie es erneut, wenn das beendet ist.</translation>
    </message>
    <message>
        <source>This server cannot tell messages apart (it lacks UIDL), so Poplar cannot leave mail on it without downloading it again. Let Poplar delete mail from the server after downloading it, or accept matching messages by Message-ID, size and date (a message without a Message-ID may then be downloaded twice).</source>
        <translation>Dieser Server kann Nachrichten nicht unterscheiden (ihm fehlt UIDL), daher kann Poplar keine Post auf ihm lassen, ohne sie erneut herunterzuladen. Lassen Sie Poplar die Post nach dem Herunterladen vom Server löschen, oder erlauben Sie den Abgleich über Message-ID, Größe und Datum (eine Nachricht ohne Message-ID kann dann doppelt heruntergeladen werden).</translation>
    </message>
    <message>
        <source>This message is not on the server (any more), or it was not fetched from one, so Poplar cannot download the rest of it or delete it there.</source>
        <translation>Diese Nachricht ist nicht (mehr) auf dem Server oder wurde nicht von einem abgeholt, daher kann Poplar weder den Rest herunterladen noch sie dort löschen.</translation>
    </message>
    <message>
        <source>The server sent far more for a message than the size it announced for it, so Poplar stopped reading. Nothing was deleted on the server.</source>
        <translation>Der Server hat für eine Nachricht weit mehr gesendet als die Größe, die er für sie angekündigt hatte, daher hat Poplar das Lesen abgebrochen. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The server lists more messages than Poplar can handle at once, so Poplar stopped. Delete or move some mail on the server (for example in its webmail) and try again.</source>
        <translation>Der Server führt mehr Nachrichten auf, als Poplar auf einmal verarbeiten kann, daher hat Poplar aufgehört. Löschen oder verschieben Sie einen Teil der E-Mails auf dem Server (zum Beispiel in dessen Webmail) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server asked for a login protected too weakly to be safe, so Poplar did not send your password.</source>
        <translation>Der Server hat eine Anmeldung verlangt, die zu schwach geschützt ist, um sicher zu sein, daher hat Poplar Ihr Passwort nicht gesendet.</translation>
    </message>
    <message>
        <source>Your user name or password contains characters beyond plain ASCII, and the server offers no sign-in method that can carry them. Nothing was sent.</source>
        <translation>Ihr Benutzername oder Passwort enthält Zeichen außerhalb von reinem ASCII, und der Server bietet keine Anmeldemethode an, die sie übertragen kann. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The connection to the server was lost. Nothing was deleted on the server.</source>
        <translation>Die Verbindung zum Server ist abgebrochen. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The server stopped answering. Nothing was deleted on the server.</source>
        <translation>Der Server antwortet nicht mehr. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The mailbox is in use by another mail program.</source>
        <translation>Das Postfach wird gerade von einem anderen E-Mail-Programm benutzt.</translation>
    </message>
    <message>
        <source>The server does not allow checking mail this often yet.</source>
        <translation>Der Server erlaubt noch keinen erneuten Abruf.</translation>
    </message>
    <message>
        <source>The server has a temporary problem.</source>
        <translation>Der Server hat ein vorübergehendes Problem.</translation>
    </message>
    <message>
        <source>The server sent data too slowly for too long, so Poplar ended the connection. Nothing was deleted on the server.</source>
        <translation>Der Server hat zu lange zu langsam gesendet, deshalb hat Poplar die Verbindung beendet. Auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The server would not list its messages&apos; unique IDs (UIDL) this time, and cannot send their headers either, so Poplar cannot tell which messages it has already. Nothing was downloaded or deleted.</source>
        <translation>Der Server wollte die eindeutigen Kennungen seiner Nachrichten (UIDL) diesmal nicht auflisten und kann auch ihre Kopfzeilen nicht senden, deshalb kann Poplar nicht erkennen, welche Nachrichten schon vorhanden sind. Es wurde nichts heruntergeladen oder gelöscht.</translation>
    </message>
    <message>
        <source>A folder with this name exists there already. Choose another name.</source>
        <translation>Dort gibt es schon einen Ordner mit diesem Namen. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>This folder name cannot be used. A folder name cannot be empty, start or end with a space, contain “/” or control characters, or be longer than 255 characters.</source>
        <translation>Dieser Ordnername ist nicht möglich. Ein Ordnername darf nicht leer sein, nicht mit einem Leerzeichen beginnen oder enden, kein „/“ und keine Steuerzeichen enthalten und nicht länger als 255 Zeichen sein.</translation>
    </message>
    <message>
        <source>Local folders are named by a path that starts with “Local/”, for example Local/Receipts/2026.</source>
        <translation>Lokale Ordner werden mit einem Pfad benannt, der mit „Local/“ beginnt, zum Beispiel Local/Belege/2026.</translation>
    </message>
    <message>
        <source>Inboxes and Trash cannot be renamed, moved or deleted, and cannot hold folders. Make a folder under Local Folders instead.</source>
        <translation>Posteingänge und der Papierkorb können nicht umbenannt, verschoben oder gelöscht werden und keine Ordner enthalten. Legen Sie stattdessen einen Ordner unter „Lokale Ordner“ an.</translation>
    </message>
    <message>
        <source>A folder cannot be moved into itself or into one of its own folders.</source>
        <translation>Ein Ordner kann nicht in sich selbst oder in einen seiner eigenen Ordner verschoben werden.</translation>
    </message>
    <message>
        <source>Another account has this name already. Choose another name.</source>
        <translation>Ein anderes Konto hat diesen Namen schon. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>This account name cannot be used. It cannot be empty, start or end with a space, contain “/”, or be “Local” or “Trash”.</source>
        <translation>Dieser Kontoname ist nicht möglich. Er darf nicht leer sein, nicht mit einem Leerzeichen beginnen oder enden, kein „/“ enthalten und nicht „Local“ oder „Trash“ lauten.</translation>
    </message>
    <message>
        <source>A file with this name exists already, and Poplar never replaces one. Choose a new name.</source>
        <translation>Eine Datei mit diesem Namen gibt es schon, und Poplar ersetzt nie eine Datei. Wählen Sie einen neuen Namen.</translation>
    </message>
    <message>
        <source>This profile holds mail already. Restore the backup into a new, empty profile.</source>
        <translation>Dieses Profil enthält schon E-Mails. Stellen Sie die Sicherung in einem neuen, leeren Profil wieder her.</translation>
    </message>
    <message>
        <source>This file is not an mbox file: it does not begin with a “From ” line. Nothing was imported.</source>
        <translation>Diese Datei ist keine mbox-Datei: Sie beginnt nicht mit einer „From “-Zeile. Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>This is not an e-mail address mail can be sent to. Check it for typing errors: it needs one “@”, and no spaces before it.</source>
        <translation>Dies ist keine E-Mail-Adresse, an die Post gehen kann. Prüfen Sie sie auf Tippfehler: Sie braucht genau ein „@“ und keine Leerzeichen davor.</translation>
    </message>
    <message>
        <source>The part of this address before the “@” contains characters beyond plain ASCII, and the outgoing server cannot take such addresses. The message was not sent.</source>
        <translation>Der Teil dieser Adresse vor dem „@“ enthält Zeichen außerhalb von ASCII, und der Postausgangsserver nimmt solche Adressen nicht an. Die Nachricht wurde nicht gesendet.</translation>
    </message>
    <message>
        <source>The message has no recipient. Add at least one address to To, Cc or Bcc.</source>
        <translation>Die Nachricht hat keinen Empfänger. Tragen Sie mindestens eine Adresse bei An, Cc oder Bcc ein.</translation>
    </message>
    <message>
        <source>The outgoing server refused the sender address. Check that this account may send from it. The message waits in the Outbox.</source>
        <translation>Der Postausgangsserver hat die Absenderadresse abgelehnt. Prüfen Sie, ob dieses Konto von ihr aus senden darf. Die Nachricht wartet im Postausgang.</translation>
    </message>
    <message>
        <source>The outgoing server refused a recipient. Check the address. The message was not sent to anyone and waits in the Outbox.</source>
        <translation>Der Postausgangsserver hat einen Empfänger abgelehnt. Prüfen Sie die Adresse. Die Nachricht wurde an niemanden gesendet und wartet im Postausgang.</translation>
    </message>
    <message>
        <source>The outgoing server refused the message. Its reply may say why. The message waits in the Outbox.</source>
        <translation>Der Postausgangsserver hat die Nachricht abgelehnt. Seine Antwort nennt vielleicht den Grund. Die Nachricht wartet im Postausgang.</translation>
    </message>
    <message>
        <source>The message is larger than the outgoing server takes. Remove or shrink attachments and send it again.</source>
        <translation>Die Nachricht ist größer, als der Postausgangsserver annimmt. Entfernen oder verkleinern Sie Anhänge und senden Sie sie erneut.</translation>
    </message>
    <message>
        <source>This account has no outgoing server set up, so Poplar cannot send mail with it. Add one in the account&apos;s settings.</source>
        <translation>Für dieses Konto ist kein Postausgangsserver eingerichtet, daher kann Poplar damit keine Post senden. Fügen Sie in den Einstellungen des Kontos einen hinzu.</translation>
    </message>
    <message>
        <source>This account&apos;s outbox is already being sent (perhaps by another Poplar program). What is left is sent with the next try.</source>
        <translation>Der Postausgang dieses Kontos wird bereits gesendet (vielleicht von einem anderen Poplar-Programm). Was übrig bleibt, wird beim nächsten Versuch gesendet.</translation>
    </message>
    <message>
        <source>The message&apos;s text is 8-bit, and the outgoing server cannot take that. Messages Poplar writes never are; encode this one (quoted-printable or base64) and send it again.</source>
        <translation>Der Text der Nachricht ist 8-Bit, und der Postausgangsserver kann das nicht annehmen. Nachrichten, die Poplar schreibt, sind es nie; kodieren Sie diese (quoted-printable oder base64) und senden Sie sie erneut.</translation>
    </message>
</context>
<context>
    <name>FetchText</name>
    <message>
        <source>the account deletes mail once it is downloaded</source>
        <translation>das Konto löscht Post, sobald sie heruntergeladen ist</translation>
    </message>
    <message>
        <source>it was deleted here</source>
        <translation>sie wurde hier gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>first downloaded more than %n day(s) ago</source>
        <translation>
            <numerusform>vor mehr als %n Tag zuerst heruntergeladen</numerusform>
            <numerusform>vor mehr als %n Tagen zuerst heruntergeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server keeps only the newest %n message(s)</source>
        <translation>
            <numerusform>der Server behält nur die neueste Nachricht</numerusform>
            <numerusform>der Server behält nur die %n neuesten Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>the server keeps at most %1 MB</source>
        <translation>der Server behält höchstens %1 MB</translation>
    </message>
    <message numerus="yes">
        <source>%1: the next fetch would download %n message(s)</source>
        <translation>
            <numerusform>%1: Der nächste Abruf würde %n Nachricht herunterladen</numerusform>
            <numerusform>%1: Der nächste Abruf würde %n Nachrichten herunterladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%1) and delete %n on the server.</source>
        <translation>
            <numerusform> (%1) und %n auf dem Server löschen.</numerusform>
            <numerusform> (%1) und %n auf dem Server löschen.</numerusform>
        </translation>
    </message>
    <message>
        <source>download #%1 (%2, UIDL %3)</source>
        <translation>herunterladen: Nr. %1 (%2, UIDL %3)</translation>
    </message>
    <message>
        <source>: over the size limit, headers and first lines only</source>
        <translation>: über der Größengrenze, nur Kopfzeilen und erste Zeilen</translation>
    </message>
    <message>
        <source>delete #%1 on the server (UIDL %2): %3</source>
        <translation>auf dem Server löschen: Nr. %1 (UIDL %2): %3</translation>
    </message>
    <message>
        <source>, once stored here</source>
        <translation>, sobald hier gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because only part of them is stored here.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server, weil hier nur ein Teil von ihr gespeichert ist.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server, weil hier nur ein Teil von ihnen gespeichert ist.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because it gives several messages the same UIDL.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server, weil er mehreren Nachrichten dieselbe UIDL gibt.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server, weil er mehreren Nachrichten dieselbe UIDL gibt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the server has no UIDL; messages are matched by Message-ID, size and date.</source>
        <translation>%1: Der Server kennt kein UIDL; Nachrichten werden über Message-ID, Größe und Datum erkannt.</translation>
    </message>
    <message numerus="yes">
        <source>%1: warning: the server deletes mail after %n day(s), sooner than this account keeps it there.</source>
        <translation>
            <numerusform>%1: Warnung: Der Server löscht Post nach %n Tag, früher als dieses Konto sie dort behält.</numerusform>
            <numerusform>%1: Warnung: Der Server löscht Post nach %n Tagen, früher als dieses Konto sie dort behält.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n new message(s)</source>
        <translation>
            <numerusform>%1: %n neue Nachricht</numerusform>
            <numerusform>%1: %n neue Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n stored in part: over the size limit)</source>
        <translation>
            <numerusform> (%n teilweise gespeichert: über der Größengrenze)</numerusform>
            <numerusform> (%n teilweise gespeichert: über der Größengrenze)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already stored</source>
        <translation>
            <numerusform>, %n schon gespeichert</numerusform>
            <numerusform>, %n schon gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n deleted on the server</source>
        <translation>
            <numerusform>, %n auf dem Server gelöscht</numerusform>
            <numerusform>, %n auf dem Server gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the connection dropped after QUIT; the next fetch sees whether the server deleted the messages marked for deletion.</source>
        <translation>%1: Die Verbindung brach nach QUIT ab; der nächste Abruf sieht, ob der Server die zum Löschen markierten Nachrichten gelöscht hat.</translation>
    </message>
    <message>
        <source>%1: the server allows the next login at %2.</source>
        <translation>%1: Der Server erlaubt die nächste Anmeldung um %2.</translation>
    </message>
    <message>
        <source>%1 of %2 messages, %3 of %4</source>
        <translation>%1 von %2 Nachrichten, %3 von %4</translation>
    </message>
    <message>
        <source>Password for %1 at %2 (this run only): </source>
        <translation>Passwort für %1 auf %2 (nur für diesen Aufruf): </translation>
    </message>
    <message>
        <source>Downloads new mail of every enabled account, or of one, and deletes on the server what each account&apos;s policy says.</source>
        <translation>Lädt neue Post aller aktiven Konten oder eines Kontos herunter und löscht auf dem Server, was die Regel des Kontos vorsieht.</translation>
    </message>
    <message>
        <source>Fetch only this account (also when it is disabled).</source>
        <translation>Nur dieses Konto abrufen (auch wenn es deaktiviert ist).</translation>
    </message>
    <message>
        <source>Only say what the fetch would download and delete on the server, and why.</source>
        <translation>Nur sagen, was der Abruf herunterladen und auf dem Server löschen würde, und warum.</translation>
    </message>
    <message>
        <source>Use the first line of standard input as the password (with --account), for this run only.</source>
        <translation>Die erste Zeile der Standardeingabe als Passwort verwenden (mit --account), nur für diesen Aufruf.</translation>
    </message>
    <message>
        <source>Unexpected arguments: %1</source>
        <translation>Unerwartete Argumente: %1</translation>
    </message>
    <message>
        <source>--password-stdin needs --account.</source>
        <translation>--password-stdin braucht --account.</translation>
    </message>
    <message>
        <source>See: poplar-cli fetch --help</source>
        <translation>Siehe: poplar-cli fetch --help</translation>
    </message>
    <message>
        <source>No enabled accounts. Add one with &quot;poplar-cli account add&quot;.</source>
        <translation>Keine aktiven Konten. Legen Sie eines mit „poplar-cli account add“ an.</translation>
    </message>
    <message>
        <source>Downloads the whole of a message stored in part (over the account&apos;s size limit) and replaces the partial copy with it. The server keeps the message.</source>
        <translation>Lädt eine nur teilweise gespeicherte Nachricht (über der Größengrenze des Kontos) ganz herunter und ersetzt die Teilkopie damit. Der Server behält die Nachricht.</translation>
    </message>
    <message>
        <source>Deletes a stored message&apos;s copy on the server. The copy here stays; for a message stored in part, the rest is gone with the server&apos;s copy.</source>
        <translation>Löscht die Kopie einer gespeicherten Nachricht auf dem Server. Die Kopie hier bleibt; bei einer teilweise gespeicherten Nachricht geht der Rest mit der Kopie des Servers verloren.</translation>
    </message>
    <message>
        <source>The message&apos;s id (see &quot;poplar-cli list&quot;).</source>
        <translation>Die Nummer der Nachricht (siehe „poplar-cli list“).</translation>
    </message>
    <message>
        <source>Use the first line of standard input as the password, for this run only.</source>
        <translation>Die erste Zeile der Standardeingabe als Passwort verwenden, nur für diesen Aufruf.</translation>
    </message>
    <message>
        <source>Give one message id.</source>
        <translation>Geben Sie eine Nachrichtennummer an.</translation>
    </message>
    <message>
        <source>See: poplar-cli %1 --help</source>
        <translation>Siehe: poplar-cli %1 --help</translation>
    </message>
    <message>
        <source>Message %1 is stored whole already.</source>
        <translation>Nachricht %1 ist schon vollständig gespeichert.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1: the connection dropped after QUIT; the next fetch sees whether the server deleted the message.</source>
        <translation>%1: Die Verbindung brach nach QUIT ab; der nächste Abruf sieht, ob der Server die Nachricht gelöscht hat.</translation>
    </message>
    <message>
        <source>Message %1: the whole message (%2) is stored now.</source>
        <translation>Nachricht %1: Die ganze Nachricht (%2) ist jetzt gespeichert.</translation>
    </message>
    <message>
        <source>Message %1 was deleted on the server of %2; the copy here stays.</source>
        <translation>Nachricht %1 wurde auf dem Server von %2 gelöscht; die Kopie hier bleibt.</translation>
    </message>
    <message numerus="yes">
        <source>%1: the server gave its messages new UIDLs; %n message(s) were recognised by Message-ID and size and not downloaded again.</source>
        <translation>
            <numerusform>%1: Der Server hat seinen Nachrichten neue UIDLs gegeben; %n Nachricht wurde an Message-ID und Größe erkannt und nicht erneut heruntergeladen.</numerusform>
            <numerusform>%1: Der Server hat seinen Nachrichten neue UIDLs gegeben; %n Nachrichten wurden an Message-ID und Größe erkannt und nicht erneut heruntergeladen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetches every enabled account on its schedule until stopped (SIGINT or SIGTERM): at once, then every account&apos;s interval, never sooner than the server allows, retrying later after failures and waiting while the network is down. SIGUSR1 reloads the accounts and gets mail now.</source>
        <translation>Ruft alle aktiven Konten nach ihrem Zeitplan ab, bis es beendet wird (SIGINT oder SIGTERM): sofort, dann im Abstand des jeweiligen Kontos, nie früher als der Server erlaubt, nach Fehlern später erneut und wartend, solange das Netz fehlt. SIGUSR1 lädt die Konten neu und holt sofort Post.</translation>
    </message>
    <message>
        <source>With --password-stdin: the account the password is for.</source>
        <translation>Mit --password-stdin: das Konto, zu dem das Passwort gehört.</translation>
    </message>
    <message>
        <source>Use the first line of standard input as the password of --account, for this run only.</source>
        <translation>Die erste Zeile der Standardeingabe als Passwort von --account verwenden, nur für diesen Aufruf.</translation>
    </message>
    <message>
        <source>Fetch even while the system says the network is down (a server on this machine).</source>
        <translation>Auch abrufen, wenn das System meldet, das Netz fehle (ein Server auf diesem Rechner).</translation>
    </message>
    <message>
        <source>--password-stdin and --account go together.</source>
        <translation>--password-stdin und --account gehören zusammen.</translation>
    </message>
    <message>
        <source>%1: next check at %2.</source>
        <translation>%1: nächster Abruf um %2.</translation>
    </message>
    <message numerus="yes">
        <source>%1: the server allows a login only every %n minute(s); checking that often.</source>
        <translation>
            <numerusform>%1: Der Server erlaubt eine Anmeldung nur jede Minute; so oft wird abgerufen.</numerusform>
            <numerusform>%1: Der Server erlaubt eine Anmeldung nur alle %n Minuten; so oft wird abgerufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: waiting for a password. Save it with &quot;poplar-cli account edit --name %1 --password-stdin&quot;, then send SIGUSR1 to get mail now.</source>
        <translation>%1: wartet auf ein Passwort. Speichern Sie es mit „poplar-cli account edit --name %1 --password-stdin“ und senden Sie dann SIGUSR1, um sofort Post zu holen.</translation>
    </message>
    <message>
        <source>%1: stopped: %2 Fix the account, then send SIGUSR1.</source>
        <translation>%1: angehalten: %2 Korrigieren Sie das Konto und senden Sie dann SIGUSR1.</translation>
    </message>
    <message>
        <source>The network is back.</source>
        <translation>Das Netz ist wieder da.</translation>
    </message>
    <message>
        <source>The network is down; waiting.</source>
        <translation>Das Netz fehlt; es wird gewartet.</translation>
    </message>
    <message>
        <source>Cannot watch for signals.</source>
        <translation>Signale können nicht überwacht werden.</translation>
    </message>
    <message>
        <source>No enabled accounts yet; add one, then send SIGUSR1.</source>
        <translation>Noch keine aktiven Konten; legen Sie eines an und senden Sie dann SIGUSR1.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because what arrived differed in size from what the server announced.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server, weil das Empfangene in der Größe von der Ankündigung des Servers abwich.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server, weil das Empfangene in der Größe von der Ankündigung des Servers abwich.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because it lists them without a UIDL.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server, weil er sie ohne UIDL auflistet.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server, weil er sie ohne UIDL auflistet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the server allows the next login at %2; --ignore-login-delay logs in now.</source>
        <translation>%1: Der Server erlaubt die nächste Anmeldung um %2; mit --ignore-login-delay wird sofort angemeldet.</translation>
    </message>
    <message>
        <source>%1: message #%2 could not be downloaded: %3</source>
        <translation>%1: Nachricht Nr. %2 konnte nicht heruntergeladen werden: %3</translation>
    </message>
    <message>
        <source>message #%1 (%2)</source>
        <translation>Nachricht Nr. %1 (%2)</translation>
    </message>
    <message>
        <source>message #%1 (%2, &quot;%3&quot;)</source>
        <translation>Nachricht Nr. %1 (%2, „%3“)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 ends the connection every time it is downloaded (%n time(s) so far); it stays on the server, and each fetch tries it again last, on its own.</source>
        <translation>
            <numerusform>%1: %2 beendet die Verbindung bei jedem Herunterladen (bisher %n Mal); sie bleibt auf dem Server, und jeder Abruf versucht sie zuletzt erneut, für sich allein.</numerusform>
            <numerusform>%1: %2 beendet die Verbindung bei jedem Herunterladen (bisher %n Mal); sie bleibt auf dem Server, und jeder Abruf versucht sie zuletzt erneut, für sich allein.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 ended the connection before (%n time(s)); it stays on the server, to be tried on its own in a later fetch (the server allows no second login now).</source>
        <translation>
            <numerusform>%1: %2 hat die Verbindung schon beendet (%n Mal); sie bleibt auf dem Server und wird bei einem späteren Abruf für sich allein versucht (der Server erlaubt jetzt keine zweite Anmeldung).</numerusform>
            <numerusform>%1: %2 hat die Verbindung schon beendet (%n Mal); sie bleibt auf dem Server und wird bei einem späteren Abruf für sich allein versucht (der Server erlaubt jetzt keine zweite Anmeldung).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: message #%2 arrived with another size than the server announced; it is stored, and stays on the server.</source>
        <translation>%1: Nachricht Nr. %2 kam mit einer anderen Größe an, als der Server angekündigt hatte; sie ist gespeichert und bleibt auf dem Server.</translation>
    </message>
    <message>
        <source>%1: the fetch ended while message #%2 (%3) was being downloaded.</source>
        <translation>%1: Der Abruf endete, während Nachricht Nr. %2 (%3) heruntergeladen wurde.</translation>
    </message>
    <message>
        <source>Log in even when the server&apos;s LOGIN-DELAY says it is too soon.</source>
        <translation>Auch anmelden, wenn LOGIN-DELAY des Servers sagt, dass es zu früh ist.</translation>
    </message>
    <message>
        <source>%1: message #%2 could not be deleted on the server: %3</source>
        <translation>%1: Nachricht Nr. %2 konnte auf dem Server nicht gelöscht werden: %3</translation>
    </message>
    <message>
        <source>%1: the server would not list its messages&apos; UIDLs this time; they were recognised by Message-ID and size, and nothing was deleted on the server.</source>
        <translation>%1: Der Server wollte die UIDLs seiner Nachrichten diesmal nicht auflisten; sie wurden an Message-ID und Größe erkannt, und auf dem Server wurde nichts gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>%1: the server lists %n message(s) without a usable UIDL; they are downloaded, and never deleted there automatically.</source>
        <translation>
            <numerusform>%1: Der Server listet %n Nachricht ohne verwendbare UIDL; sie wird heruntergeladen und dort nie automatisch gelöscht.</numerusform>
            <numerusform>%1: Der Server listet %n Nachrichten ohne verwendbare UIDL; sie werden heruntergeladen und dort nie automatisch gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server&apos;s list had %n line(s) Poplar could not read; they were ignored.</source>
        <translation>
            <numerusform>%1: Die Liste des Servers hatte %n Zeile, die Poplar nicht lesen konnte; sie wurde übergangen.</numerusform>
            <numerusform>%1: Die Liste des Servers hatte %n Zeilen, die Poplar nicht lesen konnte; sie wurden übergangen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server&apos;s list names %n message(s) in a way Poplar cannot use (%2); they were left alone on the server.</source>
        <translation>
            <numerusform>%1: Die Liste des Servers nennt %n Nachricht so, dass Poplar sie nicht verwenden kann (%2); sie bleibt unberührt auf dem Server.</numerusform>
            <numerusform>%1: Die Liste des Servers nennt %n Nachrichten so, dass Poplar sie nicht verwenden kann (%2); sie bleiben unberührt auf dem Server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 ended the connection before (%n time(s)); it stays on the server, but a session of its own could not find it again (its header could not be read).</source>
        <translation>
            <numerusform>%1: %2 hat die Verbindung schon beendet (%n Mal); sie bleibt auf dem Server, aber eine eigene Sitzung konnte sie nicht wiederfinden (ihre Kopfzeilen ließen sich nicht lesen).</numerusform>
            <numerusform>%1: %2 hat die Verbindung schon beendet (%n Mal); sie bleibt auf dem Server, aber eine eigene Sitzung konnte sie nicht wiederfinden (ihre Kopfzeilen ließen sich nicht lesen).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AccountDiagnostics</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>none (unencrypted)</source>
        <translation>keine (unverschlüsselt)</translation>
    </message>
    <message>
        <source>the account does not leave mail on the server</source>
        <translation>das Konto belässt keine Post auf dem Server</translation>
    </message>
    <message>
        <source>deleted here</source>
        <translation>hier gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>downloaded more than %n day(s) ago</source>
        <translation>
            <numerusform>vor mehr als %n Tag heruntergeladen</numerusform>
            <numerusform>vor mehr als %n Tagen heruntergeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>beyond the newest %n message(s) kept on the server</source>
        <translation>
            <numerusform>außerhalb der neuesten %n Nachricht, die auf dem Server bleibt</numerusform>
            <numerusform>außerhalb der neuesten %n Nachrichten, die auf dem Server bleiben</numerusform>
        </translation>
    </message>
    <message>
        <source>beyond the newest %1 MB kept on the server</source>
        <translation>außerhalb der neuesten %1 MB, die auf dem Server bleiben</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Connect, log in and ask for the mailbox size; nothing is downloaded or deleted.</source>
        <translation>Verbinden, anmelden und die Größe des Postfachs abfragen; es wird nichts heruntergeladen oder gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Preview Next Fetch</source>
        <translation>&amp;Vorschau auf den nächsten Abruf</translation>
    </message>
    <message>
        <source>Ask the server what it holds and show what the next fetch would download and delete, without doing it.</source>
        <translation>Den Server fragen, was er bereithält, und zeigen, was der nächste Abruf herunterladen und löschen würde, ohne es auszuführen.</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Test the connection to see the conversation with the server. Passwords and other secrets are masked.</source>
        <translation>Testen Sie die Verbindung, um die Kommunikation mit dem Server zu sehen. Passwörter und andere Geheimnisse werden unkenntlich gemacht.</translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation>Protokollmitschnitt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Protocol Log</source>
        <translation>Protokollmitschnitt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>On Server</source>
        <translation>Auf dem Server</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Last Fetches</source>
        <translation>Letzte Abrufe</translation>
    </message>
    <message>
        <source>Preview the next fetch to see what it would download, and what it would delete on the server and why.</source>
        <translation>Zeigen Sie eine Vorschau des nächsten Abrufs an, um zu sehen, was er herunterladen und was er auf dem Server löschen würde und warum.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Next Fetch</source>
        <translation>Nächster Abruf</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Asking %1 what it holds…</source>
        <translation>%1 wird nach dem Inhalt des Postfachs gefragt …</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>%1
Enter the password for %2 to test the account. It is used for this test only.</source>
        <translation>%1
Geben Sie das Passwort für %2 ein, um das Konto zu testen. Es wird nur für diesen Test verwendet.</translation>
    </message>
    <message>
        <source>Connected; logging in as %1…</source>
        <translation>Verbunden; Anmeldung als %1 …</translation>
    </message>
    <message>
        <source>Logged in with</source>
        <translation>Angemeldet mit</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>The connection works: Poplar logged in to %1.</source>
        <translation>Die Verbindung funktioniert: Poplar hat sich bei %1 angemeldet.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>CAPA</source>
        <translation>CAPA</translation>
    </message>
    <message>
        <source>not supported: the server&apos;s features are unknown</source>
        <translation>nicht unterstützt: Die Fähigkeiten des Servers sind unbekannt</translation>
    </message>
    <message>
        <source>Login mechanisms</source>
        <translation>Anmeldeverfahren</translation>
    </message>
    <message>
        <source>none offered</source>
        <translation>keine angeboten</translation>
    </message>
    <message>
        <source>UIDL</source>
        <translation>UIDL</translation>
    </message>
    <message>
        <source>TOP</source>
        <translation>TOP</translation>
    </message>
    <message>
        <source>PIPELINING</source>
        <translation>PIPELINING</translation>
    </message>
    <message>
        <source>STLS</source>
        <translation>STLS</translation>
    </message>
    <message>
        <source>RESP-CODES</source>
        <translation>RESP-CODES</translation>
    </message>
    <message>
        <source>LOGIN-DELAY</source>
        <translation>LOGIN-DELAY</translation>
    </message>
    <message numerus="yes">
        <source>at most one login every %n minute(s); a test counts as one</source>
        <translation>
            <numerusform>mindestens %n Minute zwischen zwei Anmeldungen; ein Test zählt mit</numerusform>
            <numerusform>mindestens %n Minuten zwischen zwei Anmeldungen; ein Test zählt mit</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>EXPIRE</source>
        <translation>EXPIRE</translation>
    </message>
    <message>
        <source>not announced</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>the server deletes each message once it was downloaded</source>
        <translation>der Server löscht jede Nachricht, sobald sie heruntergeladen wurde</translation>
    </message>
    <message numerus="yes">
        <source>the server deletes mail after %n day(s)</source>
        <translation>
            <numerusform>der Server löscht Post nach %n Tag</numerusform>
            <numerusform>der Server löscht Post nach %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>IMPLEMENTATION</source>
        <translation>IMPLEMENTATION</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>Wie gesendet</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>Verschlüsselungsverfahren</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>none: the password and the mail travel readable by anyone on the way</source>
        <translation>keine: Passwort und Post sind unterwegs für jeden lesbar</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>von %1 bis %2</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation>Selbstsigniert</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>pinned now; kept when the settings are saved</source>
        <translation>jetzt hinterlegt; wird beim Speichern der Einstellungen übernommen</translation>
    </message>
    <message>
        <source>accepted for this test</source>
        <translation>für diesen Test akzeptiert</translation>
    </message>
    <message>
        <source>no certificate is pinned; trusted by the system&apos;s certificate authorities</source>
        <translation>kein Zertifikat hinterlegt; vertrauenswürdig über die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <source>no certificate is pinned; trusted by the system&apos;s or the account&apos;s certificate authorities</source>
        <translation>kein Zertifikat hinterlegt; vertrauenswürdig über die Zertifizierungsstellen des Systems oder des Kontos</translation>
    </message>
    <message>
        <source>matches the pinned certificate</source>
        <translation>stimmt mit dem hinterlegten Zertifikat überein</translation>
    </message>
    <message>
        <source>differs from the pinned certificate (%1)</source>
        <translation>weicht vom hinterlegten Zertifikat ab (%1)</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Hinterlegt</translation>
    </message>
    <message>
        <source>Certificate Problem</source>
        <translation>Zertifikatsproblem</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>the certificate differs from the one pinned for this account</source>
        <translation>das Zertifikat weicht von dem für dieses Konto hinterlegten ab</translation>
    </message>
    <message>
        <source>the system does not trust this certificate</source>
        <translation>das System vertraut diesem Zertifikat nicht</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Test the connection to look at the certificate and decide.</source>
        <translation>Testen Sie die Verbindung, um sich das Zertifikat anzusehen und zu entscheiden.</translation>
    </message>
    <message>
        <source>No preview: the server could not be asked.</source>
        <translation>Keine Vorschau: Der Server konnte nicht abgefragt werden.</translation>
    </message>
    <message>
        <source>Preview ready. Nothing was downloaded or deleted.</source>
        <translation>Vorschau bereit. Es wurde nichts heruntergeladen oder gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Delete on the server: %n message(s)</source>
        <translation>
            <numerusform>Auf dem Server löschen: %n Nachricht</numerusform>
            <numerusform>Auf dem Server löschen: %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (once it is downloaded and saved here)</source>
        <translation>%1 (sobald sie heruntergeladen und hier gespeichert ist)</translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>Nachricht %1</translation>
    </message>
    <message numerus="yes">
        <source>Download: %n message(s)</source>
        <translation>
            <numerusform>Herunterladen: %n Nachricht</numerusform>
            <numerusform>Herunterladen: %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>new; over the size limit: headers and first lines only</source>
        <translation>neu; über der Größengrenze: nur Kopfzeilen und erste Zeilen</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message numerus="yes">
        <source>The next fetch would download %n message(s)</source>
        <translation>
            <numerusform>Der nächste Abruf würde %n Nachricht herunterladen</numerusform>
            <numerusform>Der nächste Abruf würde %n Nachrichten herunterladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and delete %n message(s) on the server</source>
        <translation>
            <numerusform>und %n Nachricht auf dem Server löschen</numerusform>
            <numerusform>und %n Nachrichten auf dem Server löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) on the server are stored here already.</source>
        <translation>
            <numerusform>%n Nachricht auf dem Server ist hier bereits gespeichert.</numerusform>
            <numerusform>%n Nachrichten auf dem Server sind hier bereits gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because only part of them is stored here.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server, weil hier nur ein Teil davon gespeichert ist.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server, weil hier nur ein Teil davon gespeichert ist.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because it gives them the same identifier.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server, weil er ihr dieselbe Kennung wie einer anderen gibt.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server, weil er ihnen dieselbe Kennung gibt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (+%2 in part)</source>
        <translation>%1 (+%2 teilweise)</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1</source>
        <translation>
            <numerusform>%n Nachricht, %1</numerusform>
            <numerusform>%n Nachrichten, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Started %1, finished %2.</source>
        <translation>Begonnen: %1, beendet: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted on the server: %n message(s).</source>
        <translation>
            <numerusform>Auf dem Server gelöscht: %n Nachricht.</numerusform>
            <numerusform>Auf dem Server gelöscht: %n Nachrichten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At the last fetch (%1) the server held %n message(s), %2.</source>
        <translation>
            <numerusform>Beim letzten Abruf (%1) lag auf dem Server %n Nachricht mit %2.</numerusform>
            <numerusform>Beim letzten Abruf (%1) lagen auf dem Server %n Nachrichten mit %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>This account has not been fetched yet.</source>
        <translation>Dieses Konto wurde noch nicht abgerufen.</translation>
    </message>
    <message>
        <source>No recent fetch got as far as asking the server what it holds.</source>
        <translation>Keiner der letzten Abrufe ist so weit gekommen, den Server nach seinem Inhalt zu fragen.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AccountSettingsDialog</name>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>Account Settings</source>
        <translation>Kontoeinstellungen</translation>
    </message>
    <message>
        <source>The account&apos;s settings could not be read. %1</source>
        <translation>Die Einstellungen des Kontos konnten nicht gelesen werden. %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>&amp;Email address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ihr Name:</translation>
    </message>
    <message>
        <source>&amp;Deliver mail to:</source>
        <translation>Post &amp;zustellen in:</translation>
    </message>
    <message>
        <source>&amp;Check this account for new mail</source>
        <translation>Neue Post für dieses Konto &amp;abrufen</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>pop.example.org</source>
        <translation>pop.example.org</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>TLS (encrypted from the start)</source>
        <translation>TLS (von Anfang an verschlüsselt)</translation>
    </message>
    <message>
        <source>STARTTLS (encrypted after connecting)</source>
        <translation>STARTTLS (nach dem Verbindungsaufbau verschlüsselt)</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>Keine (unverschlüsselt)</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;icherheit:</translation>
    </message>
    <message>
        <source>Without encryption, anyone on the way between you and the server can read your password and your mail, and change the mail.</source>
        <translation>Ohne Verschlüsselung kann jeder auf dem Weg zwischen Ihnen und dem Server Ihr Passwort und Ihre Post lesen und die Post verändern.</translation>
    </message>
    <message>
        <source>I understand the risk and want to &amp;connect without encryption</source>
        <translation>Ich verstehe das Risiko und möchte mich &amp;ohne Verschlüsselung verbinden</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>A&amp;nmeldename:</translation>
    </message>
    <message>
        <source>Automatic (the strongest both sides offer)</source>
        <translation>Automatisch (das stärkste Verfahren, das beide Seiten anbieten)</translation>
    </message>
    <message>
        <source>%1 (sends the password itself)</source>
        <translation>%1 (sendet das eigentliche Passwort)</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentifizierung:</translation>
    </message>
    <message>
        <source>Only the system&apos;s certificate authorities</source>
        <translation>Nur die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Aus&amp;wählen …</translation>
    </message>
    <message>
        <source>Also trust CAs &amp;in:</source>
        <translation>&amp;Zusätzliche CAs aus:</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Stop trusting this certificate: the next connection asks again.</source>
        <translation>Diesem Zertifikat nicht mehr vertrauen: Bei der nächsten Verbindung wird erneut gefragt.</translation>
    </message>
    <message>
        <source>Pinned certificate:</source>
        <translation>Hinterlegtes Zertifikat:</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>Poplar keeps the password in the system keychain, never in its own files. Leave these fields empty to keep the saved password.</source>
        <translation>Poplar bewahrt das Passwort im Schlüsselbund des Systems auf, nie in eigenen Dateien. Lassen Sie diese Felder leer, um das gespeicherte Passwort zu behalten.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <source>&amp;Leave mail on the server after downloading it</source>
        <translation>Post nach dem Herunterladen auf dem Server &amp;belassen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Delete from the server &amp;after:</source>
        <translation>Vom Server löschen &amp;nach:</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> Nachrichten</translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation>&amp;Höchstens behalten:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Keep at most (si&amp;ze):</source>
        <translation>Höchstens behalten (&amp;Größe):</translation>
    </message>
    <message>
        <source>Delete from the server when I &amp;delete it here (leaving Trash)</source>
        <translation>Vom Server löschen, wenn ich sie hier &amp;lösche (beim Entfernen aus dem Papierkorb)</translation>
    </message>
    <message>
        <source>With limits, the oldest messages leave the server first; any limit reached is enough. A message is deleted on the server only once it is saved here.</source>
        <translation>Bei Grenzen werden die ältesten Nachrichten zuerst vom Server gelöscht; es genügt, dass eine Grenze erreicht ist. Eine Nachricht wird auf dem Server erst gelöscht, wenn sie hier gespeichert ist.</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> KB</translation>
    </message>
    <message>
        <source>Bigger messages are stored as headers and first lines; the rest can be downloaded later.</source>
        <translation>Größere Nachrichten werden nur als Kopfzeilen und erste Zeilen gespeichert; der Rest kann später heruntergeladen werden.</translation>
    </message>
    <message>
        <source>Only headers of messages o&amp;ver:</source>
        <translation>Nur Kopfzeilen von Nachrichten &amp;über:</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>Check for mail &amp;every:</source>
        <translation>Post abrufen &amp;alle:</translation>
    </message>
    <message>
        <source>On a server without UIDL, recognise messages by &amp;Message-ID, size and date</source>
        <translation>Auf einem Server ohne UIDL Nachrichten über &amp;Message-ID, Größe und Datum erkennen</translation>
    </message>
    <message>
        <source>Lets Poplar leave mail on such a server; a message without a Message-ID may then be downloaded twice.</source>
        <translation>Damit kann Poplar Post auf einem solchen Server belassen; eine Nachricht ohne Message-ID wird dann möglicherweise doppelt heruntergeladen.</translation>
    </message>
    <message>
        <source>P&amp;olicy</source>
        <translation>&amp;Regeln</translation>
    </message>
    <message>
        <source>&amp;Diagnostics</source>
        <translation>&amp;Diagnose</translation>
    </message>
    <message>
        <source>Settings of %1</source>
        <translation>Einstellungen von %1</translation>
    </message>
    <message>
        <source>This account&apos;s Inbox</source>
        <translation>Posteingang dieses Kontos</translation>
    </message>
    <message>
        <source>The account&apos;s settings could not be read.</source>
        <translation>Die Einstellungen des Kontos konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <source>An account name needs 1 to 255 characters without &quot;/&quot;, and cannot be &quot;Local&quot; or &quot;Trash&quot;.</source>
        <translation>Ein Kontoname braucht 1 bis 255 Zeichen ohne „/“ und darf nicht „Local“ oder „Trash“ lauten.</translation>
    </message>
    <message>
        <source>Enter the account&apos;s email address.</source>
        <translation>Geben Sie die E-Mail-Adresse des Kontos ein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name, such as pop.example.org.</source>
        <translation>Geben Sie den Namen des Servers ein, z. B. pop.example.org.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server name (no spaces or slashes).</source>
        <translation>„%1“ ist kein Servername (keine Leerzeichen oder Schrägstriche).</translation>
    </message>
    <message>
        <source>A connection without encryption needs your explicit consent: tick the box under Security, or choose TLS or STARTTLS.</source>
        <translation>Eine Verbindung ohne Verschlüsselung erfordert Ihre ausdrückliche Zustimmung: Setzen Sie das Häkchen unter „Sicherheit“ oder wählen Sie TLS oder STARTTLS.</translation>
    </message>
    <message>
        <source>Unknown authentication mechanism: %1</source>
        <translation>Unbekanntes Authentifizierungsverfahren: %1</translation>
    </message>
    <message>
        <source>Enter a login name of 1 to 255 characters.</source>
        <translation>Geben Sie einen Anmeldenamen mit 1 bis 255 Zeichen ein.</translation>
    </message>
    <message>
        <source>Trust either the CA file or the pinned certificate, not both: clear the CA file or forget the pinned certificate.</source>
        <translation>Vertrauen Sie entweder der CA-Datei oder dem hinterlegten Zertifikat, nicht beiden: Leeren Sie das Feld für die CA-Datei oder vergessen Sie das hinterlegte Zertifikat.</translation>
    </message>
    <message>
        <source>The pinned certificate&apos;s fingerprint is damaged. Forget it and test the connection again.</source>
        <translation>Der Fingerabdruck des hinterlegten Zertifikats ist beschädigt. Vergessen Sie das Zertifikat und testen Sie die Verbindung erneut.</translation>
    </message>
    <message>
        <source>A limit of what stays on the server is out of range.</source>
        <translation>Eine Grenze für das, was auf dem Server bleibt, liegt außerhalb des erlaubten Bereichs.</translation>
    </message>
    <message>
        <source>Limits and deleting with the local copy need &quot;Leave mail on the server&quot;.</source>
        <translation>Grenzen und das Löschen zusammen mit der lokalen Kopie setzen „Post auf dem Server belassen“ voraus.</translation>
    </message>
    <message>
        <source>Check for mail every 1 minute to 7 days.</source>
        <translation>Der Abrufabstand muss zwischen 1 Minute und 7 Tagen liegen.</translation>
    </message>
    <message>
        <source>Choose the folder to deliver mail to.</source>
        <translation>Wählen Sie den Ordner, in den die Post zugestellt werden soll.</translation>
    </message>
    <message>
        <source>The port must be a number from 0 to 65535 (empty or 0: the default for the security chosen).</source>
        <translation>Der Port muss eine Zahl von 0 bis 65535 sein (leer oder 0: der Standard für die gewählte Sicherheit).</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>Aus %1 konnte kein PEM-Zertifikat gelesen werden.</translation>
    </message>
    <message>
        <source>Another account is already called &quot;%1&quot;.</source>
        <translation>Ein anderes Konto heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the new password twice.</source>
        <translation>Die beiden Passwörter stimmen nicht überein. Geben Sie das neue Passwort zweimal ein.</translation>
    </message>
    <message>
        <source>The settings were not saved. %1</source>
        <translation>Die Einstellungen wurden nicht gespeichert. %1</translation>
    </message>
    <message>
        <source>Saving the password in the keychain…</source>
        <translation>Das Passwort wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>The new password is saved in the system keychain.</source>
        <translation>Das neue Passwort ist im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>No keychain is usable, so the password was not saved. %1 Poplar asks for the password when it fetches mail and keeps it in memory until it quits.</source>
        <translation>Es ist kein Schlüsselbund nutzbar, daher wurde das Passwort nicht gespeichert. %1 Poplar fragt beim Abrufen nach dem Passwort und behält es im Arbeitsspeicher, bis es beendet wird.</translation>
    </message>
    <message>
        <source>The password was not saved. %1</source>
        <translation>Das Passwort wurde nicht gespeichert. %1</translation>
    </message>
    <message>
        <source>The settings are saved, but not the new password.</source>
        <translation>Die Einstellungen sind gespeichert, das neue Passwort jedoch nicht.</translation>
    </message>
    <message>
        <source>Default (%1)</source>
        <translation>Standard (%1)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message numerus="yes">
        <source>The server allows a login only every %n minute(s), so Poplar checks this account no more often than that.</source>
        <translation>
            <numerusform>Der Server erlaubt eine Anmeldung nur im Abstand von %n Minute, daher ruft Poplar dieses Konto nicht häufiger ab.</numerusform>
            <numerusform>Der Server erlaubt eine Anmeldung nur im Abstand von %n Minuten, daher ruft Poplar dieses Konto nicht häufiger ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>CA Certificates to Trust</source>
        <translation>Vertrauenswürdige CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Mail you write goes out through this server (SMTP submission). Leave the server empty to send nothing with this account.</source>
        <translation>Post, die Sie schreiben, geht über diesen Server hinaus (SMTP-Submission). Lassen Sie den Server leer, um mit diesem Konto nichts zu senden.</translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation>smtp.example.org</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>Po&amp;rt:</translation>
    </message>
    <message>
        <source>Securit&amp;y:</source>
        <translation>Sic&amp;herheit:</translation>
    </message>
    <message>
        <source>Without encryption, anyone on the way between you and the server can read your password and the mail you send, and change it.</source>
        <translation>Ohne Verschlüsselung kann jeder auf dem Weg zwischen Ihnen und dem Server Ihr Passwort und die Post, die Sie senden, lesen und verändern.</translation>
    </message>
    <message>
        <source>I understand the risk and want to send without en&amp;cryption</source>
        <translation>Ich verstehe das Risiko und möchte ohne Vers&amp;chlüsselung senden</translation>
    </message>
    <message>
        <source>The account&apos;s login name</source>
        <translation>Der Anmeldename des Kontos</translation>
    </message>
    <message>
        <source>Lo&amp;gin name:</source>
        <translation>Anmelde&amp;name:</translation>
    </message>
    <message>
        <source>Au&amp;thentication:</source>
        <translation>Authen&amp;tifizierung:</translation>
    </message>
    <message>
        <source>Choo&amp;se…</source>
        <translation>Aus&amp;wählen …</translation>
    </message>
    <message>
        <source>Also trust CAs i&amp;n:</source>
        <translation>&amp;Zusätzliche CAs aus:</translation>
    </message>
    <message>
        <source>Forg&amp;et</source>
        <translation>V&amp;ergessen</translation>
    </message>
    <message>
        <source>Stop trusting this certificate: sending fails until it is trusted again.</source>
        <translation>Diesem Zertifikat nicht mehr vertrauen: Senden schlägt fehl, bis ihm wieder vertraut wird.</translation>
    </message>
    <message>
        <source>This server has its own pass&amp;word</source>
        <translation>Dieser Server hat ein eigenes &amp;Passwort</translation>
    </message>
    <message>
        <source>Its passwor&amp;d:</source>
        <translation>Sein Passw&amp;ort:</translation>
    </message>
    <message>
        <source>Repe&amp;at it:</source>
        <translation>Wie&amp;derholen:</translation>
    </message>
    <message>
        <source>Ou&amp;tgoing</source>
        <translation>Post&amp;ausgang</translation>
    </message>
    <message>
        <source>Sending without encryption needs your explicit consent: tick the box under Security on the Outgoing page, or choose TLS or STARTTLS.</source>
        <translation>Senden ohne Verschlüsselung braucht Ihre ausdrückliche Zustimmung: setzen Sie auf der Seite „Postausgang“ das Häkchen unter „Sicherheit“, oder wählen Sie TLS oder STARTTLS.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s two passwords differ. Type its password twice.</source>
        <translation>Die beiden Passwörter des Postausgangsservers unterscheiden sich. Geben Sie sein Passwort zweimal ein.</translation>
    </message>
    <message>
        <source>Enter the outgoing server&apos;s own password (twice), or untick &quot;This server has its own password&quot;.</source>
        <translation>Geben Sie das eigene Passwort des Postausgangsservers (zweimal) ein, oder entfernen Sie das Häkchen bei „Dieser Server hat ein eigenes Passwort“.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s password was not saved. %1</source>
        <translation>Das Passwort des Postausgangsservers wurde nicht gespeichert. %1</translation>
    </message>
    <message>
        <source>The settings are saved, but not the outgoing server&apos;s password.</source>
        <translation>Die Einstellungen sind gespeichert, das Passwort des Postausgangsservers aber nicht.</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved one</source>
        <translation>Leer lassen, um das gespeicherte zu behalten</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s own password is removed from the keychain.</source>
        <translation>Das eigene Passwort des Postausgangsservers ist aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s old password could not be removed from the keychain. %1</source>
        <translation>Das alte Passwort des Postausgangsservers konnte nicht aus dem Schlüsselbund entfernt werden. %1</translation>
    </message>
    <message>
        <source>The settings are saved, but the outgoing server&apos;s old password is still in the keychain.</source>
        <translation>Die Einstellungen sind gespeichert, aber das alte Passwort des Postausgangsservers ist noch im Schlüsselbund.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s password is in the keychain, but the account could not be read. %1</source>
        <translation>Das Passwort des Postausgangsservers ist im Schlüsselbund, aber das Konto konnte nicht gelesen werden. %1</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s password is in the keychain, but the account could not be changed to use it. %1</source>
        <translation>Das Passwort des Postausgangsservers ist im Schlüsselbund, aber das Konto konnte nicht darauf umgestellt werden. %1</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s password is saved in the system keychain.</source>
        <translation>Das Passwort des Postausgangsservers ist im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>The settings are saved, but the account does not use the outgoing server&apos;s own password yet. %1</source>
        <translation>Die Einstellungen sind gespeichert, aber das Konto verwendet das eigene Passwort des Postausgangsservers noch nicht. %1</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AccountWizard</name>
    <message>
        <source>Add Mail Account</source>
        <translation>E-Mail-Konto hinzufügen</translation>
    </message>
    <message>
        <source>Set Up &amp;Manually</source>
        <translation>&amp;Manuell einrichten</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AttachmentActions</name>
    <message>
        <source>Open Program?</source>
        <translation>Programm öffnen?</translation>
    </message>
    <message>
        <source>“%1” is a program or a script.</source>
        <translation>„%1“ ist ein Programm oder ein Skript.</translation>
    </message>
    <message>
        <source>Opening it may run it, with access to your files and your mail. Open it only if you trust the sender and expected this file.</source>
        <translation>Beim Öffnen kann es ausgeführt werden, mit Zugriff auf Ihre Dateien und Ihre Post. Öffnen Sie es nur, wenn Sie dem Absender vertrauen und diese Datei erwartet haben.</translation>
    </message>
    <message>
        <source>&amp;Open Anyway</source>
        <translation>Trotzdem ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Could Not Open Attachment</source>
        <translation>Anhang konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The attachment could not be opened: %1</source>
        <translation>Der Anhang konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>No Program for This File</source>
        <translation>Kein Programm für diese Datei</translation>
    </message>
    <message>
        <source>No program on this computer is set up to open “%1”.</source>
        <translation>Auf diesem Computer ist kein Programm eingerichtet, das „%1“ öffnen kann.</translation>
    </message>
    <message>
        <source>Its type is %1. Save it, then open it with a program of your choice.</source>
        <translation>Ihr Typ ist %1. Speichern Sie sie und öffnen Sie sie dann mit einem Programm Ihrer Wahl.</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>&amp;Speichern …</translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Could Not Save Attachment</source>
        <translation>Anhang konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>“%1” could not be saved: %2</source>
        <translation>„%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save All Attachments</source>
        <translation>Alle Anhänge speichern</translation>
    </message>
    <message>
        <source>Could Not Save Attachments</source>
        <translation>Anhänge konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The attachments could not all be saved in “%1”: %2</source>
        <translation>Die Anhänge konnten nicht alle in „%1“ gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AttachmentList</name>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1
Type: %2
Size: %3</source>
        <translation>%1
Typ: %2
Größe: %3</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Speichern unter …</translation>
    </message>
    <message>
        <source>Save &amp;All…</source>
        <translation>A&amp;lle speichern …</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AttachmentPane</name>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <source>Open the selected attachment</source>
        <translation>Den ausgewählten Anhang öffnen</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>&amp;Speichern …</translation>
    </message>
    <message>
        <source>Save the selected attachment</source>
        <translation>Den ausgewählten Anhang speichern</translation>
    </message>
    <message>
        <source>Save A&amp;ll…</source>
        <translation>A&amp;lle speichern …</translation>
    </message>
    <message>
        <source>Save all attachments into a folder</source>
        <translation>Alle Anhänge in einem Ordner speichern</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::CertificateDialog</name>
    <message>
        <source>Warning: Server Certificate Changed</source>
        <translation>Warnung: Serverzertifikat geändert</translation>
    </message>
    <message>
        <source>Untrusted Server Certificate</source>
        <translation>Nicht vertrauenswürdiges Serverzertifikat</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before. This can mean that someone is intercepting the connection to read your password and mail. Unless your provider told you that the certificate was replaced, reject it.</source>
        <translation>Das Zertifikat von %1 ist nicht das, dem Sie zuvor vertraut haben. Das kann bedeuten, dass jemand die Verbindung abfängt, um Ihr Passwort und Ihre Post mitzulesen. Lehnen Sie es ab, sofern Ihr Anbieter Ihnen nicht mitgeteilt hat, dass das Zertifikat ersetzt wurde.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Check its fingerprint with your provider before you trust it.</source>
        <translation>Der Server %1 hat ein Zertifikat vorgelegt, dem dieser Computer nicht vertraut. Überprüfen Sie seinen Fingerabdruck bei Ihrem Anbieter, bevor Sie ihm vertrauen.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Ausgestellt für:</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>Ausgestellt für</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>Namen:</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Ausgestellt von:</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (selbstsigniert)</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Ausgestellt von</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (not yet valid)</source>
        <translation>%1 (noch nicht gültig)</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (abgelaufen)</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Gültig bis:</translation>
    </message>
    <message>
        <source>New SHA-256 fingerprint:</source>
        <translation>Neuer SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Trusted before:</source>
        <translation>Bisher vertraut:</translation>
    </message>
    <message>
        <source>Previously trusted SHA-256 fingerprint</source>
        <translation>Bisher vertrauenswürdiger SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>It is not the certificate you trusted for this account.</source>
        <translation>Es ist nicht das Zertifikat, dem Sie für dieses Konto vertraut haben.</translation>
    </message>
    <message>
        <source>What is wrong with it:</source>
        <translation>Was damit nicht stimmt:</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Certificate &amp;chain:</source>
        <translation>Zertifikats&amp;kette:</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Zertifikatskette</translation>
    </message>
    <message>
        <source>I have &amp;checked the new fingerprint with my provider and want to trust this certificate from now on</source>
        <translation>Ich habe den neuen Fingerabdruck bei meinem Anbieter &amp;überprüft und möchte diesem Zertifikat ab jetzt vertrauen</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>Accept &amp;Once</source>
        <translation>&amp;Einmal akzeptieren</translation>
    </message>
    <message>
        <source>&amp;Trust Always</source>
        <translation>&amp;Immer vertrauen</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ColumnChooser</name>
    <message>
        <source>Flag</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Show Columns</source>
        <translation>Spalten anzeigen</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ComposeActions</name>
    <message>
        <source>&amp;Write</source>
        <translation>&amp;Schreiben</translation>
    </message>
    <message>
        <source>Write a new message (Ctrl+N)</source>
        <translation>Eine neue Nachricht schreiben (Strg+N)</translation>
    </message>
    <message>
        <source>Reply to the sender (Ctrl+R)</source>
        <translation>Dem Absender antworten (Strg+R)</translation>
    </message>
    <message>
        <source>Reply &amp;All</source>
        <translation>Allen a&amp;ntworten</translation>
    </message>
    <message>
        <source>Reply to the sender and all other recipients (Ctrl+Shift+R)</source>
        <translation>Dem Absender und allen anderen Empfängern antworten (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <source>Forward the message with its attachments (Ctrl+L)</source>
        <translation>Die Nachricht mit ihren Anhängen weiterleiten (Strg+L)</translation>
    </message>
    <message>
        <source>Forward as A&amp;ttachment</source>
        <translation>Als Anhang wei&amp;terleiten</translation>
    </message>
    <message>
        <source>Re&amp;ply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>F&amp;orward</source>
        <translation>&amp;Weiterleiten</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ComposerWindow</name>
    <message>
        <source>The message was not put in the outbox. %1</source>
        <translation>Die Nachricht wurde nicht in den Postausgang gelegt. %1</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send now (Ctrl+Return); without a connection it waits in the outbox</source>
        <translation>Jetzt senden (Strg+Eingabe); ohne Verbindung wartet sie im Postausgang</translation>
    </message>
    <message>
        <source>Send &amp;Later</source>
        <translation>S&amp;päter senden</translation>
    </message>
    <message>
        <source>Put it in the outbox; it goes out with the next check for mail</source>
        <translation>In den Postausgang legen; sie wird beim nächsten Abrufen gesendet</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>&amp;Anhängen …</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>Name &lt;address@example.org&gt;, another@example.org</source>
        <translation>Name &lt;adresse@example.org&gt;, weitere@example.org</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>A&amp;n:</translation>
    </message>
    <message>
        <source>&amp;Cc:</source>
        <translation>&amp;Cc:</translation>
    </message>
    <message>
        <source>&amp;Bcc:</source>
        <translation>&amp;Bcc:</translation>
    </message>
    <message>
        <source>Hidden from the other recipients</source>
        <translation>Für die anderen Empfänger unsichtbar</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>Be&amp;treff:</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Loading the message…</source>
        <translation>Die Nachricht wird geladen …</translation>
    </message>
    <message>
        <source>The message could not be read. %1</source>
        <translation>Die Nachricht konnte nicht gelesen werden. %1</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemand</translation>
    </message>
    <message>
        <source>On %1, %2 wrote:</source>
        <translation>Am %1 schrieb %2:</translation>
    </message>
    <message>
        <source>%1 wrote:</source>
        <translation>%1 schrieb:</translation>
    </message>
    <message>
        <source>-------- Forwarded Message --------</source>
        <translation>-------- Weitergeleitete Nachricht --------</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc:</translation>
    </message>
    <message>
        <source>There is no account to send from. Add one with File &gt; Add Account.</source>
        <translation>Es gibt kein Konto, von dem gesendet werden kann. Legen Sie eines an mit Datei &gt; Konto hinzufügen.</translation>
    </message>
    <message>
        <source>%1 has no outgoing server yet: set it up on the Outgoing page of its account settings. Send Later keeps the message in the outbox until then.</source>
        <translation>%1 hat noch keinen Postausgangsserver: Richten Sie ihn auf der Seite „Postausgang“ der Kontoeinstellungen ein. „Später senden“ behält die Nachricht bis dahin im Postausgang.</translation>
    </message>
    <message>
        <source>Write Message</source>
        <translation>Nachricht schreiben</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s), %1</source>
        <translation>
            <numerusform>%n Anhang, %1</numerusform>
            <numerusform>%n Anhänge, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Not attached (not a file that can be read): %1</source>
        <translation>Nicht angehängt (keine lesbare Datei): %1</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Geben Sie mindestens einen Empfänger an.</translation>
    </message>
    <message>
        <source>The message is too large: at most %1 with its attachments.</source>
        <translation>Die Nachricht ist zu groß: höchstens %1 mit ihren Anhängen.</translation>
    </message>
    <message>
        <source>Discard Message</source>
        <translation>Nachricht verwerfen</translation>
    </message>
    <message>
        <source>Discard this message? What you wrote is not kept.</source>
        <translation>Diese Nachricht verwerfen? Was Sie geschrieben haben, wird nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>The message was not put in the outbox: “%1” could not be read (%2). Remove it or attach it again.</source>
        <translation>Die Nachricht wurde nicht in den Postausgang gelegt: „%1“ konnte nicht gelesen werden (%2). Entfernen Sie den Anhang oder hängen Sie ihn erneut an.</translation>
    </message>
    <message>
        <source>Only the beginning of this message is stored on this computer: that is what is quoted or forwarded, without its attachments. Download the rest first to pass on all of it.</source>
        <translation>Von dieser Nachricht ist nur der Anfang auf diesem Computer gespeichert: Nur er wird zitiert oder weitergeleitet, ohne Anhänge. Laden Sie zuerst den Rest herunter, um alles weiterzugeben.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ConnectionTestPage</name>
    <message>
        <source>Testing the Account</source>
        <translation>Konto wird getestet</translation>
    </message>
    <message>
        <source>Poplar logs in and looks at the mailbox. Nothing is downloaded or deleted.</source>
        <translation>Poplar meldet sich an und sieht sich das Postfach an. Es wird nichts heruntergeladen oder gelöscht.</translation>
    </message>
    <message>
        <source>Test progress</source>
        <translation>Testfortschritt</translation>
    </message>
    <message>
        <source>&amp;Test Again</source>
        <translation>Erneut &amp;testen</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Logging in as %1…</source>
        <translation>Anmeldung als %1 …</translation>
    </message>
    <message>
        <source>Logged in (%1). Looking at the mailbox…</source>
        <translation>Angemeldet (%1). Das Postfach wird geprüft …</translation>
    </message>
    <message>
        <source>The server&apos;s certificate needs your decision.</source>
        <translation>Das Zertifikat des Servers erfordert Ihre Entscheidung.</translation>
    </message>
    <message>
        <source>Connecting again, trusting that certificate…</source>
        <translation>Verbindung wird erneut hergestellt, diesem Zertifikat wird vertraut …</translation>
    </message>
    <message>
        <source>The account works.</source>
        <translation>Das Konto funktioniert.</translation>
    </message>
    <message numerus="yes">
        <source>Logged in. The mailbox holds %n message(s), %1 in all.</source>
        <translation>
            <numerusform>Angemeldet. Das Postfach enthält %n Nachricht, insgesamt %1.</numerusform>
            <numerusform>Angemeldet. Das Postfach enthält %n Nachrichten, insgesamt %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The test did not pass.</source>
        <translation>Der Test ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>You rejected the certificate, so your password was not sent.</source>
        <translation>Sie haben das Zertifikat abgelehnt, daher wurde Ihr Passwort nicht gesendet.</translation>
    </message>
    <message>
        <source>The CA certificate file could not be read.</source>
        <translation>Die CA-Zertifikatsdatei konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Change &amp;Password</source>
        <translation>&amp;Passwort ändern</translation>
    </message>
    <message>
        <source>The connection to the server was lost during the test.</source>
        <translation>Die Verbindung zum Server ist während des Tests abgebrochen.</translation>
    </message>
    <message>
        <source>The server stopped answering during the test.</source>
        <translation>Der Server hat während des Tests aufgehört zu antworten.</translation>
    </message>
    <message>
        <source>The mailbox is in use by another mail program, so the server did not let Poplar in.</source>
        <translation>Das Postfach wird von einem anderen E-Mail-Programm benutzt, deshalb hat der Server Poplar nicht hereingelassen.</translation>
    </message>
    <message>
        <source>The server does not allow another login this soon: it limits how often mail may be checked.</source>
        <translation>Der Server erlaubt so bald keine weitere Anmeldung: Er begrenzt, wie oft nach E-Mails gesehen werden darf.</translation>
    </message>
    <message>
        <source>The server reported a temporary problem.</source>
        <translation>Der Server hat ein vorübergehendes Problem gemeldet.</translation>
    </message>
    <message>
        <source>Press Change Password to type the password again, or go Back to check the user name and the other settings.</source>
        <translation>Klicken Sie auf „Passwort ändern“, um das Passwort erneut einzugeben, oder prüfen Sie mit „Zurück“ den Benutzernamen und die übrigen Einstellungen.</translation>
    </message>
    <message>
        <source>Press Test Again to try once more, or go Back to change the settings.</source>
        <translation>Klicken Sie auf „Erneut testen“, um es noch einmal zu versuchen, oder ändern Sie mit „Zurück“ die Einstellungen.</translation>
    </message>
    <message>
        <source>Check that this computer is online and that the server name and port are right (go Back to change them), then press Test Again.</source>
        <translation>Prüfen Sie, ob dieser Computer online ist und Servername und Port stimmen (mit „Zurück“ können Sie sie ändern), und klicken Sie dann auf „Erneut testen“.</translation>
    </message>
    <message>
        <source>Go Back to check the server name, port and security, or press Test Again to be asked about the certificate once more.</source>
        <translation>Prüfen Sie mit „Zurück“ Servername, Port und Sicherheit, oder klicken Sie auf „Erneut testen“, um noch einmal nach dem Zertifikat gefragt zu werden.</translation>
    </message>
    <message>
        <source>The server asks to be tried later. Press Test Again in a few minutes.</source>
        <translation>Der Server bittet, es später zu versuchen. Klicken Sie in einigen Minuten auf „Erneut testen“.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::DialogPrompts</name>
    <message>
        <source>Poplar</source>
        <translation>Poplar</translation>
    </message>
    <message>
        <source>Folder name:</source>
        <translation>Ordnername:</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::DiscoveryPage</name>
    <message>
        <source>Finding Your Server</source>
        <translation>Ihr Server wird gesucht</translation>
    </message>
    <message>
        <source>&amp;Use This Server</source>
        <translation>Diesen Server &amp;verwenden</translation>
    </message>
    <message>
        <source>Search progress</source>
        <translation>Suchfortschritt</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Search &amp;Again</source>
        <translation>&amp;Erneut suchen</translation>
    </message>
    <message>
        <source>&amp;Servers found:</source>
        <translation>Gefundene &amp;Server:</translation>
    </message>
    <message>
        <source>Servers found</source>
        <translation>Gefundene Server</translation>
    </message>
    <message>
        <source>Looking up the mail server for %1…</source>
        <translation>Der Mailserver für %1 wird gesucht …</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>%1 wird ausprobiert …</translation>
    </message>
    <message>
        <source>The search was stopped. Found so far:</source>
        <translation>Die Suche wurde angehalten. Bisher gefunden:</translation>
    </message>
    <message>
        <source>Poplar found these POP3 servers for %1:</source>
        <translation>Poplar hat diese POP3-Server für %1 gefunden:</translation>
    </message>
    <message>
        <source>This computer does not trust the server&apos;s certificate. Poplar will show it to you before sending your password.</source>
        <translation>Dieser Computer vertraut dem Zertifikat des Servers nicht. Poplar zeigt es Ihnen, bevor Ihr Passwort gesendet wird.</translation>
    </message>
    <message>
        <source>Use this server any&amp;way</source>
        <translation>Diesen Server &amp;trotzdem verwenden</translation>
    </message>
    <message>
        <source>The search was stopped. Press Enter Settings to type in the server&apos;s settings yourself, or search again.</source>
        <translation>Die Suche wurde angehalten. Klicken Sie auf „Einstellungen eingeben“, um die Einstellungen des Servers selbst einzugeben, oder suchen Sie erneut.</translation>
    </message>
    <message>
        <source>No POP3 server was found for %1. Press Enter Settings to type in the settings your provider gives.</source>
        <translation>Für %1 wurde kein POP3-Server gefunden. Klicken Sie auf „Einstellungen eingeben“, um die Einstellungen Ihres Anbieters einzugeben.</translation>
    </message>
    <message>
        <source>DNS names only servers outside %1. Poplar does not choose one of them for you: pick one only if your provider told you to use it, or press Enter Settings.</source>
        <translation>Das DNS nennt nur Server außerhalb von %1. Poplar wählt keinen davon für Sie aus: Wählen Sie einen nur, wenn Ihr Anbieter Ihnen gesagt hat, ihn zu verwenden, oder klicken Sie auf „Einstellungen eingeben“.</translation>
    </message>
    <message>
        <source>Only servers without encryption were found for %1. Poplar does not choose one of them for you: pick one only if you must use it, or press Enter Settings.</source>
        <translation>Für %1 wurden nur Server ohne Verschlüsselung gefunden. Poplar wählt keinen davon für Sie aus: Wählen Sie einen nur, wenn Sie ihn verwenden müssen, oder klicken Sie auf „Einstellungen eingeben“.</translation>
    </message>
    <message>
        <source>&amp;Enter Settings</source>
        <translation>E&amp;instellungen eingeben</translation>
    </message>
    <message>
        <source>Enter Settings: type in your provider&apos;s server settings yourself.</source>
        <translation>Einstellungen eingeben: Sie geben die Servereinstellungen Ihres Anbieters selbst ein.</translation>
    </message>
    <message>
        <source>%1 is not in %2. Only a DNS answer names it as the server for %2, and such an answer can be forged on the network you are on; a secure connection would then prove only that you reached %1. Use it only if the provider of %2 told you to.</source>
        <translation>%1 liegt nicht in %2. Nur eine DNS-Antwort nennt ihn als Server für %2, und eine solche Antwort kann in dem Netzwerk, in dem Sie sich befinden, gefälscht sein; eine sichere Verbindung würde dann nur beweisen, dass Sie %1 erreicht haben. Verwenden Sie ihn nur, wenn der Anbieter von %2 es Ihnen gesagt hat.</translation>
    </message>
    <message>
        <source>Use This Server takes you to the server settings, where an unencrypted connection needs your explicit consent.</source>
        <translation>„Diesen Server verwenden“ führt Sie zu den Servereinstellungen, wo eine unverschlüsselte Verbindung Ihre ausdrückliche Zustimmung braucht.</translation>
    </message>
    <message>
        <source>Use This Server: Poplar logs in to %1 with your password to test the account.</source>
        <translation>Diesen Server verwenden: Poplar meldet sich mit Ihrem Passwort bei %1 an, um das Konto zu testen.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FetchActions</name>
    <message>
        <source>&amp;Get Mail</source>
        <translation>Post &amp;abrufen</translation>
    </message>
    <message>
        <source>Get new mail for every account</source>
        <translation>Neue Post für alle Konten abrufen</translation>
    </message>
    <message>
        <source>Get Mail &amp;From</source>
        <translation>Post abrufen &amp;von</translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Account &amp;Settings</source>
        <translation>Konto&amp;einstellungen</translation>
    </message>
    <message>
        <source>The password could not be saved in the keychain (%1); it is used until Poplar quits.</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden (%1); es wird verwendet, bis Poplar beendet wird.</translation>
    </message>
    <message>
        <source>Downloading the rest of the message…</source>
        <translation>Der Rest der Nachricht wird heruntergeladen …</translation>
    </message>
    <message>
        <source>Deleting the message from the server…</source>
        <translation>Die Nachricht wird vom Server gelöscht …</translation>
    </message>
    <message>
        <source>The whole message is here now.</source>
        <translation>Die ganze Nachricht ist jetzt hier.</translation>
    </message>
    <message>
        <source>The connection dropped after the deletion was sent; the next check shows whether the server deleted the message.</source>
        <translation>Die Verbindung brach ab, nachdem das Löschen gesendet wurde; die nächste Abfrage zeigt, ob der Server die Nachricht gelöscht hat.</translation>
    </message>
    <message>
        <source>The message was deleted from the server; the copy here stays.</source>
        <translation>Die Nachricht wurde vom Server gelöscht; die Kopie hier bleibt.</translation>
    </message>
    <message>
        <source>No accounts</source>
        <translation>Keine Konten</translation>
    </message>
    <message>
        <source>No account is checked for new mail: turn on “Check this account for new mail” in File &gt; Account Settings.</source>
        <translation>Für kein Konto wird neue Post abgerufen: Schalten Sie „Neue Post für dieses Konto abrufen“ unter Datei &gt; Kontoeinstellungen ein.</translation>
    </message>
    <message>
        <source>Offline: Poplar gets your mail as soon as the network is back.</source>
        <translation>Offline: Poplar ruft Ihre Post ab, sobald das Netz wieder da ist.</translation>
    </message>
    <message>
        <source>Poplar</source>
        <translation>Poplar</translation>
    </message>
    <message>
        <source>There is no account to get mail for yet.</source>
        <translation>Es gibt noch kein Konto, für das Post abgerufen werden könnte.</translation>
    </message>
    <message>
        <source>Add one with File &gt; Add Account: Poplar finds your provider&apos;s server.</source>
        <translation>Legen Sie eines mit Datei &gt; Konto hinzufügen an: Poplar findet den Server Ihres Anbieters.</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1 …</translation>
    </message>
    <message>
        <source>Account &amp;Settings…</source>
        <translation>Konto&amp;einstellungen …</translation>
    </message>
    <message>
        <source>It ended while message %1 (%2) was being downloaded.</source>
        <translation>Er endete, während Nachricht %1 (%2) heruntergeladen wurde.</translation>
    </message>
    <message>
        <source>Some messages of %1 could not be downloaded:</source>
        <translation>Einige Nachrichten von %1 konnten nicht heruntergeladen werden:</translation>
    </message>
    <message>
        <source>%1: the server allows the next check at %2.</source>
        <translation>%1: Der Server erlaubt den nächsten Abruf um %2.</translation>
    </message>
    <message>
        <source>Check Now?</source>
        <translation>Jetzt abrufen?</translation>
    </message>
    <message>
        <source>The server allows checking for mail only every so often (LOGIN-DELAY); Poplar checks again then.</source>
        <translation>Der Server erlaubt Abrufe nur in gewissen Abständen (LOGIN-DELAY); Poplar ruft dann wieder ab.</translation>
    </message>
    <message>
        <source>Checking now anyway may be refused by the server, or counted against the account.</source>
        <translation>Ein Abruf jetzt kann vom Server abgelehnt oder dem Konto angerechnet werden.</translation>
    </message>
    <message>
        <source>Check &amp;Now</source>
        <translation>&amp;Jetzt abrufen</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>&amp;Warten</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n message(s).</source>
        <translation>
            <numerusform>%n Nachricht gesendet.</numerusform>
            <numerusform>%n Nachrichten gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The outgoing server refused %n message(s); they wait in the outbox.</source>
        <translation>
            <numerusform>Der Postausgangsserver hat %n Nachricht abgelehnt; sie wartet im Postausgang.</numerusform>
            <numerusform>Der Postausgangsserver hat %n Nachrichten abgelehnt; sie warten im Postausgang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) may have been sent: the connection ended before the server confirmed. Poplar does not send them again without asking.</source>
        <translation>
            <numerusform>%n Nachricht wurde vielleicht gesendet: die Verbindung endete, bevor der Server bestätigte. Poplar sendet sie nicht ohne Rückfrage erneut.</numerusform>
            <numerusform>%n Nachrichten wurden vielleicht gesendet: die Verbindung endete, bevor der Server bestätigte. Poplar sendet sie nicht ohne Rückfrage erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail in the outbox could not be sent now: %1</source>
        <translation>Post im Postausgang konnte jetzt nicht gesendet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>The outgoing server could not take %n message(s) now; Poplar tries again later.</source>
        <translation>
            <numerusform>Der Postausgangsserver konnte %n Nachricht gerade nicht annehmen; Poplar versucht es später erneut.</numerusform>
            <numerusform>Der Postausgangsserver konnte %n Nachrichten gerade nicht annehmen; Poplar versucht es später erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FetchStatus</name>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>%1: message %2 of %3 (%4 of %5)</source>
        <translation>%1: Nachricht %2 von %3 (%4 von %5)</translation>
    </message>
    <message>
        <source>Stop fetching mail for %1 (what arrived is kept)</source>
        <translation>Abruf für %1 anhalten (was schon angekommen ist, bleibt erhalten)</translation>
    </message>
    <message>
        <source>Stop fetching mail for %1</source>
        <translation>Abruf für %1 anhalten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Show the details</source>
        <translation>Einzelheiten zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) at %1</source>
        <translation>
            <numerusform>%n neue Nachricht um %1</numerusform>
            <numerusform>%n neue Nachrichten um %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No new mail at %1</source>
        <translation>Keine neue Post um %1</translation>
    </message>
    <message>
        <source>Stopped at %1</source>
        <translation>Abruf um %1 angehalten</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Post für %1 wird abgerufen …</translation>
    </message>
    <message>
        <source>Message %1: the server would not give it. %2</source>
        <translation>Nachricht %1: Der Server hat sie nicht herausgegeben. %2</translation>
    </message>
    <message>
        <source>Message %1 (%2)</source>
        <translation>Nachricht %1 (%2)</translation>
    </message>
    <message>
        <source>Message %1 (%2, “%3”)</source>
        <translation>Nachricht %1 (%2, „%3“)</translation>
    </message>
    <message numerus="yes">
        <source>%1 ends the connection every time it is downloaded (%n time(s) so far). It stays on the server; each check tries it again last, on its own.</source>
        <translation>
            <numerusform>%1 beendet die Verbindung bei jedem Herunterladen (bisher %n Mal). Sie bleibt auf dem Server; jeder Abruf versucht sie zuletzt erneut, für sich allein.</numerusform>
            <numerusform>%1 beendet die Verbindung bei jedem Herunterladen (bisher %n Mal). Sie bleibt auf dem Server; jeder Abruf versucht sie zuletzt erneut, für sich allein.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ended the connection before. It stays on the server, to be tried on its own in a later check (the server allows no second login now).</source>
        <translation>%1 hat die Verbindung schon beendet. Sie bleibt auf dem Server und wird bei einem späteren Abruf für sich allein versucht (der Server erlaubt jetzt keine zweite Anmeldung).</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n message(s) could not be downloaded</source>
        <translation>
            <numerusform>%1: %n Nachricht konnte nicht heruntergeladen werden</numerusform>
            <numerusform>%1: %n Nachrichten konnten nicht heruntergeladen werden</numerusform>
        </translation>
    </message>
    <message>
        <source>Show which</source>
        <translation>Zeigen, welche</translation>
    </message>
    <message>
        <source>%1 ended the connection before. It stays on the server, but a check of its own could not find it again (its header could not be read).</source>
        <translation>%1 hat die Verbindung schon beendet. Sie bleibt auf dem Server, aber ein eigener Abruf konnte sie nicht wiederfinden (ihre Kopfzeilen ließen sich nicht lesen).</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Logging in to %1…</source>
        <translation>Anmeldung bei %1 …</translation>
    </message>
    <message>
        <source>Finishing with %1…</source>
        <translation>Verbindung mit %1 wird beendet …</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FinishPage</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Poplar saves the account and keeps the password in the system keychain.</source>
        <translation>Poplar speichert das Konto und bewahrt das Passwort im Schlüsselbund des Systems auf.</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>Account &amp;name:</source>
        <translation>Konto&amp;name:</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>User name: %1</source>
        <translation>Benutzername: %1</translation>
    </message>
    <message>
        <source>Trusted certificate: %1</source>
        <translation>Vertrauenswürdiges Zertifikat: %1</translation>
    </message>
    <message>
        <source>Mail is deleted from the server once downloaded.</source>
        <translation>Post wird nach dem Herunterladen vom Server gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Mail stays on the server for %n day(s).</source>
        <translation>
            <numerusform>Post bleibt %n Tag auf dem Server.</numerusform>
            <numerusform>Post bleibt %n Tage auf dem Server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail stays on the server.</source>
        <translation>Post bleibt auf dem Server.</translation>
    </message>
    <message>
        <source>Deleting mail here deletes it on the server too.</source>
        <translation>Wenn Sie hier Post löschen, wird sie auch auf dem Server gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>New mail is checked every %n minute(s).</source>
        <translation>
            <numerusform>Neue Post wird im Abstand von %n Minute abgerufen.</numerusform>
            <numerusform>Neue Post wird alle %n Minuten abgerufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>An account named “%1” exists already. Choose another name.</source>
        <translation>Ein Konto namens „%1“ gibt es bereits. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The account was not saved. %1</source>
        <translation>Das Konto wurde nicht gespeichert. %1</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>Choose another account name: it cannot be empty, start or end with a space, contain “/”, or be “Local” or “Trash”.</source>
        <translation>Wählen Sie einen anderen Kontonamen: Er darf nicht leer sein, nicht mit einem Leerzeichen beginnen oder enden, kein „/“ enthalten und nicht „Local“ oder „Trash“ lauten.</translation>
    </message>
    <message>
        <source>The email address is not valid. Go back to correct it.</source>
        <translation>Die E-Mail-Adresse ist ungültig. Gehen Sie zurück, um sie zu korrigieren.</translation>
    </message>
    <message>
        <source>The server name is not valid. Go back to correct it.</source>
        <translation>Der Servername ist ungültig. Gehen Sie zurück, um ihn zu korrigieren.</translation>
    </message>
    <message>
        <source>An unencrypted connection needs your consent in the server settings.</source>
        <translation>Eine unverschlüsselte Verbindung erfordert Ihre Zustimmung in den Servereinstellungen.</translation>
    </message>
    <message>
        <source>The authentication method is not known.</source>
        <translation>Das Authentifizierungsverfahren ist unbekannt.</translation>
    </message>
    <message>
        <source>The user name must have 1 to 255 characters. Go back to correct it.</source>
        <translation>Der Benutzername muss 1 bis 255 Zeichen lang sein. Gehen Sie zurück, um ihn zu korrigieren.</translation>
    </message>
    <message>
        <source>Trust either a CA certificate file or the server&apos;s own certificate, not both.</source>
        <translation>Vertrauen Sie entweder einer CA-Zertifikatsdatei oder dem eigenen Zertifikat des Servers, nicht beiden.</translation>
    </message>
    <message>
        <source>The limits for mail on the server do not fit together.</source>
        <translation>Die Grenzen für Post auf dem Server passen nicht zusammen.</translation>
    </message>
    <message>
        <source>Check for mail between every minute and once a week.</source>
        <translation>Der Abrufabstand muss zwischen einer Minute und einer Woche liegen.</translation>
    </message>
    <message>
        <source>The folder for new mail does not exist.</source>
        <translation>Der Ordner für neue Post existiert nicht.</translation>
    </message>
    <message>
        <source>The settings are not valid.</source>
        <translation>Die Einstellungen sind ungültig.</translation>
    </message>
    <message>
        <source>The account is saved, but the keychain did not take its password. %1 Press Finish to try again, or keep the password for this run only.</source>
        <translation>Das Konto ist gespeichert, aber der Schlüsselbund hat sein Passwort nicht angenommen. %1 Klicken Sie auf „Fertig“, um es erneut zu versuchen, oder behalten Sie das Passwort nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>&amp;Keep the password until Poplar quits</source>
        <translation>Passwort &amp;behalten, bis Poplar beendet wird</translation>
    </message>
    <message>
        <source>It is written nowhere; Poplar asks for it again the next time it starts.</source>
        <translation>Es wird nirgends gespeichert; Poplar fragt beim nächsten Start erneut danach.</translation>
    </message>
    <message>
        <source>Outgoing server: %1</source>
        <translation>Postausgangsserver: %1</translation>
    </message>
    <message>
        <source>Trusted certificate of the outgoing server: %1</source>
        <translation>Vertrauenswürdiges Zertifikat des Postausgangsservers: %1</translation>
    </message>
    <message>
        <source>Outgoing server: none yet (set it up in the account settings to send mail).</source>
        <translation>Postausgangsserver: noch keiner (zum Senden in den Kontoeinstellungen einrichten).</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FolderActions</name>
    <message>
        <source>&amp;New Folder…</source>
        <translation>&amp;Neuer Ordner …</translation>
    </message>
    <message>
        <source>&amp;Rename Folder…</source>
        <translation>Ordner &amp;umbenennen …</translation>
    </message>
    <message>
        <source>&amp;Delete Folder…</source>
        <translation>Ordner &amp;löschen …</translation>
    </message>
    <message>
        <source>&amp;Empty Trash</source>
        <translation>Papierkorb &amp;leeren</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Rename Folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <source>Delete the folder “%1” and its subfolders? Their messages go to the Trash.</source>
        <translation>Den Ordner „%1“ und seine Unterordner löschen? Ihre Nachrichten kommen in den Papierkorb.</translation>
    </message>
    <message>
        <source>Empty the Trash? Its messages are deleted for good.</source>
        <translation>Papierkorb leeren? Seine Nachrichten werden endgültig gelöscht.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FolderModel</name>
    <message>
        <source>Unified Inbox</source>
        <translation>Alle Posteingänge</translation>
    </message>
    <message>
        <source>Local Folders</source>
        <translation>Lokale Ordner</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>Inbox of %1: %n message(s), %2 unread</source>
        <translation>
            <numerusform>Posteingang von %1: %n Nachricht, %2 ungelesen</numerusform>
            <numerusform>Posteingang von %1: %n Nachrichten, %2 ungelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1 unread</source>
        <translation>
            <numerusform>%n Nachricht, %1 ungelesen</numerusform>
            <numerusform>%n Nachrichten, %1 ungelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n ungelesen</numerusform>
            <numerusform>%1, %n ungelesen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::IdentityPage</name>
    <message>
        <source>Your Mail Account</source>
        <translation>Ihr E-Mail-Konto</translation>
    </message>
    <message>
        <source>Poplar looks up your provider&apos;s POP3 server from your address. Your password is sent only after you have confirmed the server.</source>
        <translation>Poplar ermittelt anhand Ihrer Adresse den POP3-Server Ihres Anbieters. Ihr Passwort wird erst gesendet, nachdem Sie den Server bestätigt haben.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Jane Doe</source>
        <translation>Erika Mustermann</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>jane@example.org</source>
        <translation>erika@example.org</translation>
    </message>
    <message>
        <source>&amp;Email address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>“%1” is not an email address. It looks like name@example.org.</source>
        <translation>„%1“ ist keine E-Mail-Adresse. Eine Adresse hat die Form name@example.org.</translation>
    </message>
    <message>
        <source>Enter the password of this mail account.</source>
        <translation>Geben Sie das Passwort dieses E-Mail-Kontos ein.</translation>
    </message>
    <message>
        <source>Type the password again; Next tests the account with it at once.</source>
        <translation>Geben Sie das Passwort erneut ein; „Weiter“ testet das Konto sofort damit.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MainWindow</name>
    <message>
        <source>Poplar</source>
        <translation>Poplar</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Poplar</source>
        <translation>Ü&amp;ber Poplar</translation>
    </message>
    <message>
        <source>About Poplar</source>
        <translation>Über Poplar</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Poplar %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A mail client that brings your POP3 mail home safely and lets you read it offline.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Poplar %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ein E-Mail-Programm, das Ihre POP3-E-Mails sicher auf Ihren Computer holt, damit Sie sie auch offline lesen können.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Nachricht</translation>
    </message>
    <message>
        <source>F&amp;older</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n Nachricht gefunden</numerusform>
            <numerusform>%n Nachrichten gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1 unread</source>
        <translation>
            <numerusform>%n Nachricht, %1 ungelesen</numerusform>
            <numerusform>%n Nachrichten, %1 ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep Running in the Tray</source>
        <translation>Im Infobereich &amp;weiterlaufen</translation>
    </message>
    <message>
        <source>Closing the window leaves Poplar fetching mail in the tray</source>
        <translation>Beim Schließen des Fensters ruft Poplar im Infobereich weiter Post ab</translation>
    </message>
    <message>
        <source>The message is in the outbox and is being sent.</source>
        <translation>Die Nachricht liegt im Postausgang und wird gesendet.</translation>
    </message>
    <message>
        <source>The message waits in the outbox; it goes out with the next check for mail.</source>
        <translation>Die Nachricht wartet im Postausgang; sie wird beim nächsten Abrufen gesendet.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ManualPage</name>
    <message>
        <source>Server Settings</source>
        <translation>Servereinstellungen</translation>
    </message>
    <message>
        <source>Enter what your provider gives for POP3. Poplar tests these settings on the next page.</source>
        <translation>Geben Sie die POP3-Angaben Ihres Anbieters ein. Poplar testet diese Einstellungen auf der nächsten Seite.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>pop.example.org</source>
        <translation>pop.example.org</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>TLS (recommended)</source>
        <translation>TLS (empfohlen)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (not encrypted)</source>
        <translation>Keine (nicht verschlüsselt)</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;icherheit:</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>I &amp;understand that without encryption my password and my mail can be read and changed by anyone on the way, and I want to use this server anyway.</source>
        <translation>Ich &amp;verstehe, dass ohne Verschlüsselung jeder auf dem Weg mein Passwort und meine Post lesen und verändern kann, und möchte diesen Server trotzdem verwenden.</translation>
    </message>
    <message>
        <source>Consent to an unencrypted connection</source>
        <translation>Zustimmung zu einer unverschlüsselten Verbindung</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Automatic (the strongest the server offers)</source>
        <translation>Automatisch (das stärkste Verfahren, das der Server anbietet)</translation>
    </message>
    <message>
        <source>USER/PASS</source>
        <translation>USER/PASS</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentifizierung:</translation>
    </message>
    <message>
        <source>Extra CA certificate file</source>
        <translation>Zusätzliche CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>optional, PEM</source>
        <translation>optional, PEM</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation>&amp;CA-Zertifikate:</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>“%1” is not a server name.</source>
        <translation>„%1“ ist kein Servername.</translation>
    </message>
    <message>
        <source>Without encryption, confirm that you accept the risk.</source>
        <translation>Ohne Verschlüsselung müssen Sie bestätigen, dass Sie das Risiko in Kauf nehmen.</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>Aus %1 konnte kein PEM-Zertifikat gelesen werden.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageActions</name>
    <message>
        <source>Select &amp;All Messages</source>
        <translation>&amp;Alle Nachrichten auswählen</translation>
    </message>
    <message>
        <source>Mark as &amp;Read</source>
        <translation>Als &amp;gelesen markieren</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>Als &amp;ungelesen markieren</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>&amp;Markieren</translation>
    </message>
    <message>
        <source>&amp;Move To</source>
        <translation>&amp;Verschieben nach</translation>
    </message>
    <message>
        <source>&amp;Copy To</source>
        <translation>&amp;Kopieren nach</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>View &amp;Source</source>
        <translation>&amp;Quelltext anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) for good? They cannot be brought back.</source>
        <translation>
            <numerusform>%n Nachricht endgültig löschen? Sie kann nicht wiederhergestellt werden.</numerusform>
            <numerusform>%n Nachrichten endgültig löschen? Sie können nicht wiederhergestellt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Un&amp;flag</source>
        <translation>Markierung &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Delete for Good</source>
        <translation>&amp;Endgültig löschen</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageBodyHtml</name>
    <message>
        <source>[This part of the message is encrypted.]</source>
        <translation>[Dieser Teil der Nachricht ist verschlüsselt.]</translation>
    </message>
    <message>
        <source>The content of this message is encrypted.</source>
        <translation>Der Inhalt dieser Nachricht ist verschlüsselt.</translation>
    </message>
    <message>
        <source>The text of this message is inside its signature.</source>
        <translation>Der Text dieser Nachricht steckt in ihrer Signatur.</translation>
    </message>
    <message>
        <source>This message has no text.</source>
        <translation>Diese Nachricht hat keinen Text.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageHeaderView</name>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>View &amp;Source</source>
        <translation>&amp;Quelltext anzeigen</translation>
    </message>
    <message>
        <source>View the message source</source>
        <translation>Den Quelltext der Nachricht anzeigen</translation>
    </message>
    <message>
        <source>Show the message as it was received (%1)</source>
        <translation>Die Nachricht so zeigen, wie sie empfangen wurde (%1)</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>(unknown sender)</source>
        <translation>(unbekannter Absender)</translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>(kein Datum)</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageImages</name>
    <message>
        <source>Image not shown: it could not be read.</source>
        <translation>Bild nicht angezeigt: Es konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Image not shown: Poplar does not show this kind of image.</source>
        <translation>Bild nicht angezeigt: Poplar zeigt diese Art von Bildern nicht an.</translation>
    </message>
    <message>
        <source>SVG image not shown: an SVG image can refer to files on this computer.</source>
        <translation>SVG-Bild nicht angezeigt: Ein SVG-Bild kann auf Dateien auf diesem Computer verweisen.</translation>
    </message>
    <message>
        <source>Image not shown: at %1 × %2 pixels it is too large.</source>
        <translation>Bild nicht angezeigt: Mit %1 × %2 Pixeln ist es zu groß.</translation>
    </message>
    <message>
        <source>Image not shown: the images of this message are too large together.</source>
        <translation>Bild nicht angezeigt: Die Bilder dieser Nachricht sind zusammen zu groß.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageListModel</name>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Has attachments</source>
        <translation>Hat Anhänge</translation>
    </message>
    <message>
        <source>Only the beginning of this message was downloaded.</source>
        <translation>Von dieser Nachricht wurde nur der Anfang heruntergeladen.</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Flagged (click to remove the flag)</source>
        <translation>Markiert (klicken, um die Markierung zu entfernen)</translation>
    </message>
    <message>
        <source>Click to flag</source>
        <translation>Klicken zum Markieren</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageListView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageView</name>
    <message>
        <source>View &amp;Source</source>
        <translation>&amp;Quelltext anzeigen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>No message selected.</source>
        <translation>Keine Nachricht ausgewählt.</translation>
    </message>
    <message>
        <source>Delete from Server</source>
        <translation>Vom Server löschen</translation>
    </message>
    <message>
        <source>Delete this message from the server?</source>
        <translation>Diese Nachricht vom Server löschen?</translation>
    </message>
    <message>
        <source>Only the beginning of this message was downloaded. The rest of it is only on the server: once the message is deleted there, the rest is lost for good. Only the beginning shown here stays.</source>
        <translation>Von dieser Nachricht wurde nur der Anfang heruntergeladen. Der Rest liegt nur auf dem Server: Sobald die Nachricht dort gelöscht ist, ist der Rest endgültig verloren. Nur der hier angezeigte Anfang bleibt.</translation>
    </message>
    <message>
        <source>The copy here stays as it is.</source>
        <translation>Die Kopie hier bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>&amp;Delete from Server</source>
        <translation>Vom Server &amp;löschen</translation>
    </message>
    <message>
        <source>Could Not Open Link</source>
        <translation>Link konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No program on this computer is set up to write mail.</source>
        <translation>Auf diesem Computer ist kein Programm zum Schreiben von E-Mails eingerichtet.</translation>
    </message>
    <message>
        <source>No web browser on this computer is set up to open links.</source>
        <translation>Auf diesem Computer ist kein Webbrowser zum Öffnen von Links eingerichtet.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::NoAccountHint</name>
    <message>
        <source>No account is set up yet, so no mail arrives here.
Add one with File &gt; Add Account, or here:</source>
        <translation>Noch ist kein Konto eingerichtet, daher kommt hier keine Post an.
Legen Sie eines mit Datei &gt; Konto hinzufügen an oder hier:</translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::OperationProgress</name>
    <message>
        <source>Moving messages: %1 of %2</source>
        <translation>Nachrichten werden verschoben: %1 von %2</translation>
    </message>
    <message>
        <source>Copying messages: %1 of %2</source>
        <translation>Nachrichten werden kopiert: %1 von %2</translation>
    </message>
    <message>
        <source>Moving messages to the Trash: %1 of %2</source>
        <translation>Nachrichten kommen in den Papierkorb: %1 von %2</translation>
    </message>
    <message>
        <source>Marking messages: %1 of %2</source>
        <translation>Nachrichten werden markiert: %1 von %2</translation>
    </message>
    <message>
        <source>Deleting messages: %1 of %2</source>
        <translation>Nachrichten werden gelöscht: %1 von %2</translation>
    </message>
    <message>
        <source>Changing folders: %1 of %2</source>
        <translation>Ordner werden geändert: %1 von %2</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop after the current step (what is done stays done)</source>
        <translation>Nach dem laufenden Schritt anhalten (was erledigt ist, bleibt erledigt)</translation>
    </message>
    <message>
        <source>Stop the operation</source>
        <translation>Vorgang anhalten</translation>
    </message>
    <message>
        <source>Moved %1 of %2 messages; stopped.</source>
        <translation>%1 von %2 Nachrichten verschoben; angehalten.</translation>
    </message>
    <message>
        <source>Copied %1 of %2 messages; stopped.</source>
        <translation>%1 von %2 Nachrichten kopiert; angehalten.</translation>
    </message>
    <message>
        <source>Moved %1 of %2 messages to the Trash; stopped.</source>
        <translation>%1 von %2 Nachrichten in den Papierkorb verschoben; angehalten.</translation>
    </message>
    <message>
        <source>Marked %1 of %2 messages; stopped.</source>
        <translation>%1 von %2 Nachrichten markiert; angehalten.</translation>
    </message>
    <message>
        <source>Deleted %1 of %2 messages; stopped.</source>
        <translation>%1 von %2 Nachrichten gelöscht; angehalten.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::OutgoingPage</name>
    <message>
        <source>Sending Mail</source>
        <translation>Post senden</translation>
    </message>
    <message>
        <source>The outgoing server sends the mail you write. Poplar signs in to it with your password only after you chose it, and sends nothing while testing.</source>
        <translation>Der Postausgangsserver versendet die Post, die Sie schreiben. Poplar meldet sich dort erst mit Ihrem Passwort an, nachdem Sie ihn gewählt haben, und sendet beim Testen nichts.</translation>
    </message>
    <message>
        <source>Search progress</source>
        <translation>Suchfortschritt</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>Suc&amp;hen</translation>
    </message>
    <message>
        <source>Use a server &amp;found:</source>
        <translation>Einen &amp;gefundenen Server verwenden:</translation>
    </message>
    <message>
        <source>Outgoing servers found</source>
        <translation>Gefundene Postausgangsserver</translation>
    </message>
    <message>
        <source>Use this server any&amp;way</source>
        <translation>Diesen Server &amp;trotzdem verwenden</translation>
    </message>
    <message>
        <source>Use &amp;this server:</source>
        <translation>&amp;Diesen Server verwenden:</translation>
    </message>
    <message>
        <source>Outgoing server</source>
        <translation>Postausgangsserver</translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation>smtp.example.org</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>TLS (recommended)</source>
        <translation>TLS (empfohlen)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Set up sending &amp;later, in the account settings</source>
        <translation>Senden &amp;später einrichten, in den Kontoeinstellungen</translation>
    </message>
    <message>
        <source>Type in your provider&apos;s outgoing server, or press Search to look for it.</source>
        <translation>Geben Sie den Postausgangsserver Ihres Anbieters ein, oder klicken Sie auf Suchen, um danach zu suchen.</translation>
    </message>
    <message>
        <source>Looking up the outgoing server for %1…</source>
        <translation>Der Postausgangsserver für %1 wird gesucht …</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>%1 wird ausprobiert …</translation>
    </message>
    <message>
        <source>Search &amp;Again</source>
        <translation>&amp;Erneut suchen</translation>
    </message>
    <message>
        <source>The search was stopped. Type in the outgoing server, or set up sending later.</source>
        <translation>Die Suche wurde angehalten. Geben Sie den Postausgangsserver ein, oder richten Sie das Senden später ein.</translation>
    </message>
    <message>
        <source>No outgoing server was found for %1. Type in the one your provider gives, or set up sending later.</source>
        <translation>Für %1 wurde kein Postausgangsserver gefunden. Geben Sie den Ihres Anbieters ein, oder richten Sie das Senden später ein.</translation>
    </message>
    <message>
        <source>Only servers Poplar does not choose for you were found for %1 (see the notes). Pick one only if your provider told you to use it, or type in another.</source>
        <translation>Für %1 wurden nur Server gefunden, die Poplar nicht für Sie auswählt (siehe die Hinweise). Wählen Sie einen nur, wenn Ihr Anbieter ihn Ihnen genannt hat, oder geben Sie einen anderen ein.</translation>
    </message>
    <message>
        <source>The search was stopped. Found so far:</source>
        <translation>Die Suche wurde angehalten. Bisher gefunden:</translation>
    </message>
    <message>
        <source>Poplar found these outgoing servers for %1:</source>
        <translation>Poplar hat diese Postausgangsserver für %1 gefunden:</translation>
    </message>
    <message>
        <source>Poplar does not set up an unencrypted outgoing server here: if you must use it, choose it in the account settings, which ask for your consent.</source>
        <translation>Einen unverschlüsselten Postausgangsserver richtet Poplar hier nicht ein: Wenn Sie ihn verwenden müssen, wählen Sie ihn in den Kontoeinstellungen, die nach Ihrer Zustimmung fragen.</translation>
    </message>
    <message>
        <source>This computer does not trust the server&apos;s certificate. Poplar will show it to you before sending your password.</source>
        <translation>Dieser Computer vertraut dem Zertifikat des Servers nicht. Poplar zeigt es Ihnen, bevor Ihr Passwort gesendet wird.</translation>
    </message>
    <message>
        <source>%1 is not in %2. Only a DNS answer names it as the outgoing server for %2, and such an answer can be forged on the network you are on. Use it only if the provider of %2 told you to.</source>
        <translation>%1 liegt nicht in %2. Nur eine DNS-Antwort nennt ihn als Postausgangsserver für %2, und eine solche Antwort kann in dem Netz, in dem Sie sind, gefälscht sein. Verwenden Sie ihn nur, wenn der Anbieter von %2 es Ihnen gesagt hat.</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>&amp;Use This Server</source>
        <translation>Diesen Server &amp;verwenden</translation>
    </message>
    <message>
        <source>Poplar sends no mail from this account until its outgoing server is set up in the account settings.</source>
        <translation>Poplar sendet von diesem Konto keine Post, bis sein Postausgangsserver in den Kontoeinstellungen eingerichtet ist.</translation>
    </message>
    <message>
        <source>Use This Server: Poplar signs in to %1 with your password to test it.</source>
        <translation>Diesen Server verwenden: Poplar meldet sich mit Ihrem Passwort bei %1 an, um ihn zu testen.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Signing in as %1…</source>
        <translation>Anmeldung als %1 …</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s certificate needs your decision.</source>
        <translation>Das Zertifikat des Postausgangsservers braucht Ihre Entscheidung.</translation>
    </message>
    <message>
        <source>Connecting again, trusting that certificate…</source>
        <translation>Verbindung wird erneut hergestellt, diesem Zertifikat wird vertraut …</translation>
    </message>
    <message>
        <source>The outgoing server works.</source>
        <translation>Der Postausgangsserver funktioniert.</translation>
    </message>
    <message>
        <source>Signed in (%1). Nothing was sent.</source>
        <translation>Angemeldet (%1). Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The server answered. Nothing was sent.</source>
        <translation>Der Server hat geantwortet. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The test of the outgoing server did not pass.</source>
        <translation>Der Test des Postausgangsservers ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>You rejected the certificate, so your password was not sent.</source>
        <translation>Sie haben das Zertifikat abgelehnt, daher wurde Ihr Passwort nicht gesendet.</translation>
    </message>
    <message>
        <source>The outgoing server did not accept the account&apos;s login and password. If it has a password of its own, set up sending later and give it in the account settings.</source>
        <translation>Der Postausgangsserver hat Anmeldename und Passwort des Kontos nicht angenommen. Wenn er ein eigenes Passwort hat, richten Sie das Senden später ein und geben Sie es in den Kontoeinstellungen an.</translation>
    </message>
    <message>
        <source>Check the server name and port, or choose another server, then press Use This Server again.</source>
        <translation>Prüfen Sie Servername und Port, oder wählen Sie einen anderen Server, und klicken Sie dann erneut auf Diesen Server verwenden.</translation>
    </message>
    <message>
        <source>Check the server name, port and security, or press Use This Server to be asked about the certificate once more.</source>
        <translation>Prüfen Sie Servername, Port und Sicherheit, oder klicken Sie auf Diesen Server verwenden, um noch einmal nach dem Zertifikat gefragt zu werden.</translation>
    </message>
    <message>
        <source>The server asks to be tried later. Press Use This Server again in a few minutes, or set up sending later.</source>
        <translation>Der Server bittet, es später erneut zu versuchen. Klicken Sie in einigen Minuten erneut auf Diesen Server verwenden, oder richten Sie das Senden später ein.</translation>
    </message>
    <message>
        <source>Press Use This Server to try once more, choose another server, or set up sending later.</source>
        <translation>Klicken Sie auf Diesen Server verwenden, um es noch einmal zu versuchen, wählen Sie einen anderen Server, oder richten Sie das Senden später ein.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::PartialMessageBar</name>
    <message>
        <source>Only the beginning of this message was downloaded.</source>
        <translation>Von dieser Nachricht wurde nur der Anfang heruntergeladen.</translation>
    </message>
    <message>
        <source>&amp;Download the Rest</source>
        <translation>Den &amp;Rest herunterladen</translation>
    </message>
    <message>
        <source>Download the rest of this message</source>
        <translation>Den Rest dieser Nachricht herunterladen</translation>
    </message>
    <message>
        <source>D&amp;elete from Server</source>
        <translation>Vom Server &amp;löschen</translation>
    </message>
    <message>
        <source>Delete this message from the server</source>
        <translation>Diese Nachricht vom Server löschen</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::PasswordDialog</name>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>The server rejected the password for %1.</source>
        <translation>Der Server hat das Passwort für %1 abgelehnt.</translation>
    </message>
    <message>
        <source>No password is saved for %1.</source>
        <translation>Für %1 ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>Enter the password for %1.</source>
        <translation>Geben Sie das Passwort für %1 ein.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the keychain</source>
        <translation>Passwort im Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <source>%1 Poplar keeps the password in memory until it quits and writes it nowhere else.</source>
        <translation>%1 Poplar behält das Passwort im Arbeitsspeicher, bis es beendet wird, und schreibt es nirgendwohin.</translation>
    </message>
    <message>
        <source>&amp;Log In</source>
        <translation>&amp;Anmelden</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::PolicyPage</name>
    <message>
        <source>Mail on the Server</source>
        <translation>Post auf dem Server</translation>
    </message>
    <message>
        <source>Poplar downloads your mail to this computer. Choose what stays on the server, for webmail or another device, and how often to look for new mail.</source>
        <translation>Poplar lädt Ihre Post auf diesen Computer herunter. Wählen Sie, was für Webmail oder ein anderes Gerät auf dem Server bleibt und wie oft nach neuer Post gesehen wird.</translation>
    </message>
    <message>
        <source>After downloading a message</source>
        <translation>Nach dem Herunterladen einer Nachricht</translation>
    </message>
    <message>
        <source>&amp;Keep it on the server for</source>
        <translation>Auf dem Server &amp;behalten für</translation>
    </message>
    <message>
        <source>Days to keep mail on the server</source>
        <translation>Tage, die Post auf dem Server bleibt</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep it on the server &amp;without a time limit</source>
        <translation>&amp;Ohne Zeitgrenze auf dem Server behalten</translation>
    </message>
    <message>
        <source>&amp;Delete it from the server right away</source>
        <translation>&amp;Sofort vom Server löschen</translation>
    </message>
    <message>
        <source>While mail stays on the server</source>
        <translation>Solange Post auf dem Server bleibt</translation>
    </message>
    <message>
        <source>Delete it on the server &amp;too when I delete it here</source>
        <translation>Auch auf dem Server &amp;löschen, wenn ich sie hier lösche</translation>
    </message>
    <message>
        <source>Keep at most</source>
        <translation>Höchstens behalten</translation>
    </message>
    <message>
        <source>Messages to keep on the server at most</source>
        <translation>Höchstzahl der Nachrichten auf dem Server</translation>
    </message>
    <message>
        <source> messages (the oldest go first)</source>
        <translation> Nachrichten (älteste zuerst löschen)</translation>
    </message>
    <message>
        <source>Megabytes to keep on the server at most</source>
        <translation>Höchstmenge auf dem Server in Megabyte</translation>
    </message>
    <message>
        <source> MB (the oldest go first)</source>
        <translation> MB (älteste zuerst löschen)</translation>
    </message>
    <message>
        <source>For messages over</source>
        <translation>Bei Nachrichten über</translation>
    </message>
    <message>
        <source>Size limit in kilobytes</source>
        <translation>Größengrenze in Kilobyte</translation>
    </message>
    <message>
        <source> KB, download only the headers and first lines</source>
        <translation> KB nur Kopfzeilen und erste Zeilen herunterladen</translation>
    </message>
    <message>
        <source>Minutes between checks for new mail</source>
        <translation>Minuten zwischen zwei Abrufen neuer Post</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>Check for new mail &amp;every</source>
        <translation>Neue Post abrufen &amp;alle</translation>
    </message>
    <message>
        <source>Recognise messages by Message-ID, size and date (a message without a Message-ID may be downloaded twice)</source>
        <translation>Nachrichten über Message-ID, Größe und Datum erkennen (eine Nachricht ohne Message-ID wird möglicherweise doppelt heruntergeladen)</translation>
    </message>
    <message>
        <source>This server cannot tell messages apart (no UIDL). To leave mail on it, Poplar must recognise messages by their headers instead.</source>
        <translation>Dieser Server kann Nachrichten nicht unterscheiden (kein UIDL). Um Post auf ihm zu belassen, muss Poplar Nachrichten stattdessen an ihren Kopfzeilen erkennen.</translation>
    </message>
    <message>
        <source>Note: the server deletes mail as soon as it was downloaded, whatever you choose here.</source>
        <translation>Hinweis: Der Server löscht Post, sobald sie heruntergeladen wurde, unabhängig von Ihrer Wahl hier.</translation>
    </message>
    <message numerus="yes">
        <source>Note: the server deletes mail %n day(s) after it was downloaded, whatever you choose here.</source>
        <translation>
            <numerusform>Hinweis: Der Server löscht Post %n Tag nach dem Herunterladen, unabhängig von Ihrer Wahl hier.</numerusform>
            <numerusform>Hinweis: Der Server löscht Post %n Tage nach dem Herunterladen, unabhängig von Ihrer Wahl hier.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Note: the server allows checking for mail only every %n minute(s); Poplar waits at least that long.</source>
        <translation>
            <numerusform>Hinweis: Der Server erlaubt Abrufe nur im Abstand von %n Minute; Poplar wartet mindestens so lange.</numerusform>
            <numerusform>Hinweis: Der Server erlaubt Abrufe nur alle %n Minuten; Poplar wartet mindestens so lange.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::PreferencesBinding</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Startup</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Reading</source>
        <translation>&amp;Lesen</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Nachrichtenliste</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>Changes take effect at once.</source>
        <translation>Änderungen gelten sofort.</translation>
    </message>
    <message>
        <source>&amp;Get mail when Poplar starts</source>
        <translation>Beim Start von Poplar Post &amp;abrufen</translation>
    </message>
    <message>
        <source>Off: each account is first checked after its interval</source>
        <translation>Aus: Jedes Konto wird erst nach seinem Abrufabstand abgefragt</translation>
    </message>
    <message>
        <source>Start &amp;hidden in the tray</source>
        <translation>&amp;Versteckt im Infobereich starten</translation>
    </message>
    <message>
        <source>Poplar starts with only its tray icon; click it to show the window</source>
        <translation>Poplar startet nur mit seinem Symbol im Infobereich; ein Klick darauf zeigt das Fenster</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>Nach dem Schließen des Fensters im Infobereich &amp;weiterlaufen</translation>
    </message>
    <message>
        <source>Closing the window leaves Poplar fetching mail in the tray</source>
        <translation>Beim Schließen des Fensters ruft Poplar im Infobereich weiter Post ab</translation>
    </message>
    <message>
        <source>Show &amp;notifications for new mail</source>
        <translation>Bei neuer Post &amp;benachrichtigen</translation>
    </message>
    <message>
        <source>A desktop notification names the sender and subject of new mail</source>
        <translation>Eine Benachrichtigung auf dem Desktop nennt Absender und Betreff neuer Post</translation>
    </message>
    <message>
        <source>Your desktop shows no tray icons: these options have no effect here.</source>
        <translation>Ihr Desktop zeigt keine Symbole im Infobereich an: Diese Optionen wirken hier nicht.</translation>
    </message>
    <message>
        <source>Show the &amp;plain text of messages that also come as HTML</source>
        <translation>Bei Nachrichten, die auch als HTML kommen, den &amp;reinen Text zeigen</translation>
    </message>
    <message>
        <source>Messages that are only HTML are still shown as HTML</source>
        <translation>Nachrichten, die nur aus HTML bestehen, werden weiter als HTML angezeigt</translation>
    </message>
    <message>
        <source>Ask: a bar offers to load them for the message or the sender</source>
        <translation>Fragen: Eine Leiste bietet an, sie für die Nachricht oder den Absender zu laden</translation>
    </message>
    <message>
        <source>Never, and do not ask</source>
        <translation>Nie, und nicht fragen</translation>
    </message>
    <message>
        <source>Remote images can tell the sender that and when you read a message</source>
        <translation>Externe Bilder können dem Absender verraten, dass und wann Sie eine Nachricht lesen</translation>
    </message>
    <message>
        <source>Remote &amp;images:</source>
        <translation>Externe &amp;Bilder:</translation>
    </message>
    <message>
        <source>Mark a message as read</source>
        <translation>Nachricht als gelesen markieren</translation>
    </message>
    <message>
        <source>&amp;When it is shown</source>
        <translation>Sofort, &amp;wenn sie angezeigt wird</translation>
    </message>
    <message>
        <source>&amp;After it was shown for</source>
        <translation>Na&amp;chdem sie angezeigt wurde für</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds before a message is marked as read</source>
        <translation>Sekunden, bis eine Nachricht als gelesen markiert wird</translation>
    </message>
    <message>
        <source>&amp;Only by hand</source>
        <translation>Nur von &amp;Hand</translation>
    </message>
    <message>
        <source>Today the time, else the date (%1, %2)</source>
        <translation>Heute die Uhrzeit, sonst das Datum (%1, %2)</translation>
    </message>
    <message>
        <source>Short (%1)</source>
        <translation>Kurz (%1)</translation>
    </message>
    <message>
        <source>Long (%1)</source>
        <translation>Lang (%1)</translation>
    </message>
    <message>
        <source>ISO 8601 (%1)</source>
        <translation>ISO 8601 (%1)</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>Columns shown</source>
        <translation>Angezeigte Spalten</translation>
    </message>
    <message>
        <source>Also in the context menu of the list&apos;s header</source>
        <translation>Auch im Kontextmenü der Spaltenköpfe der Liste</translation>
    </message>
    <message>
        <source>The system&apos;s language (%1)</source>
        <translation>Sprache des Systems (%1)</translation>
    </message>
    <message>
        <source>Language of &amp;Poplar:</source>
        <translation>Sprache &amp;von Poplar:</translation>
    </message>
    <message>
        <source>The new language takes effect when Poplar starts next.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Poplar.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ProtectionBar</name>
    <message>
        <source>This message is encrypted (%1). Poplar cannot decrypt messages yet: open it in a mail program that has your key.</source>
        <translation>Diese Nachricht ist verschlüsselt (%1). Poplar kann Nachrichten noch nicht entschlüsseln: Öffnen Sie sie in einem E-Mail-Programm, das Ihren Schlüssel hat.</translation>
    </message>
    <message>
        <source>This message is signed (%1) in a form that holds its text inside the signature. Poplar cannot read or verify it yet.</source>
        <translation>Diese Nachricht ist in einer Form signiert (%1), die ihren Text in der Signatur enthält. Poplar kann sie noch nicht lesen oder prüfen.</translation>
    </message>
    <message>
        <source>This message is signed (%1). Poplar cannot verify signatures yet: the signature has not been checked, so it proves nothing about the sender.</source>
        <translation>Diese Nachricht ist signiert (%1). Poplar kann Signaturen noch nicht prüfen: Die Signatur wurde nicht geprüft und beweist daher nichts über den Absender.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ReaderWindow</name>
    <message>
        <source>Attached Message</source>
        <translation>Angehängte Nachricht</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::RemoteContentBar</name>
    <message>
        <source>&amp;Load for this message</source>
        <translation>Für diese Nachricht &amp;laden</translation>
    </message>
    <message>
        <source>Load remote images for this message</source>
        <translation>Externe Bilder für diese Nachricht laden</translation>
    </message>
    <message>
        <source>&amp;Always for this sender</source>
        <translation>&amp;Immer für diesen Absender</translation>
    </message>
    <message>
        <source>Always load remote images from this sender</source>
        <translation>Externe Bilder von diesem Absender immer laden</translation>
    </message>
    <message numerus="yes">
        <source>To protect your privacy, Poplar did not load %n remote image(s) in this message.</source>
        <translation>
            <numerusform>Zum Schutz Ihrer Privatsphäre hat Poplar %n externes Bild in dieser Nachricht nicht geladen.</numerusform>
            <numerusform>Zum Schutz Ihrer Privatsphäre hat Poplar %n externe Bilder in dieser Nachricht nicht geladen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Always load remote images from %1</source>
        <translation>Externe Bilder von %1 immer laden</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::SafeTextBrowser</name>
    <message>
        <source>This link leads to %1, not %2.</source>
        <translation>Dieser Link führt zu %1, nicht zu %2.</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::SearchField</name>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Search (from:, subject:, has:attachment, is:unread …)</source>
        <translation>Suchen (from:, subject:, has:attachment, is:unread …)</translation>
    </message>
    <message>
        <source>Finds the words that begin with what you type; Escape shows the whole folder again</source>
        <translation>Findet Wörter, die mit dem Eingegebenen beginnen; Escape zeigt wieder den ganzen Ordner</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::SourceWindow</name>
    <message>
        <source>Message Source: %1</source>
        <translation>Quelltext der Nachricht: %1</translation>
    </message>
    <message>
        <source>Message source</source>
        <translation>Quelltext der Nachricht</translation>
    </message>
    <message>
        <source>&amp;Wrap long lines</source>
        <translation>Lange Zeilen &amp;umbrechen</translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::TrayIcon</name>
    <message>
        <source>&amp;Show Poplar</source>
        <translation>Poplar &amp;zeigen</translation>
    </message>
    <message>
        <source>&amp;Get Mail</source>
        <translation>Post &amp;abrufen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Poplar: no unread mail</source>
        <translation>Poplar: keine ungelesene Post</translation>
    </message>
    <message numerus="yes">
        <source>Poplar: %n unread message(s)</source>
        <translation>
            <numerusform>Poplar: %n ungelesene Nachricht</numerusform>
            <numerusform>Poplar: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>(unknown sender)</source>
        <translation>(unbekannter Absender)</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>New mail from %1</source>
        <translation>Neue Post von %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) for %1</source>
        <translation>
            <numerusform>%n neue Nachricht für %1</numerusform>
            <numerusform>%n neue Nachrichten für %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Probe</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>Namen:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Gültig bis:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>POP3 server at %1, port %2 (%3):</source>
        <translation>POP3-Server %1, Port %2 (%3):</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>no encryption</source>
        <translation>keine Verschlüsselung</translation>
    </message>
    <message>
        <source>Greeting:</source>
        <translation>Begrüßung:</translation>
    </message>
    <message>
        <source>TLS session:</source>
        <translation>TLS-Sitzung:</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <source>Cipher:</source>
        <translation>Verschlüsselungsverfahren:</translation>
    </message>
    <message>
        <source>TLS certificate:</source>
        <translation>TLS-Zertifikat:</translation>
    </message>
    <message>
        <source>Trusted:</source>
        <translation>Vertrauenswürdig:</translation>
    </message>
    <message>
        <source>by its pinned fingerprint</source>
        <translation>über den hinterlegten Fingerabdruck</translation>
    </message>
    <message>
        <source>by the certificate authorities</source>
        <translation>über die Zertifizierungsstellen</translation>
    </message>
    <message>
        <source>none (the connection is not encrypted)</source>
        <translation>keine (die Verbindung ist nicht verschlüsselt)</translation>
    </message>
    <message>
        <source>Capabilities:</source>
        <translation>Fähigkeiten:</translation>
    </message>
    <message>
        <source>The server does not answer CAPA; RFC 1939 defaults apply.</source>
        <translation>Der Server beantwortet CAPA nicht; es gelten die Standardwerte aus RFC 1939.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source> (may vary per user)</source>
        <translation> (kann je nach Benutzer abweichen)</translation>
    </message>
    <message>
        <source>not announced</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>messages are deleted once downloaded</source>
        <translation>Nachrichten werden nach dem Herunterladen gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Other:</source>
        <translation>Sonstige:</translation>
    </message>
    <message>
        <source>not offered</source>
        <translation>nicht angeboten</translation>
    </message>
    <message>
        <source>offered</source>
        <translation>angeboten</translation>
    </message>
    <message>
        <source>WARNING: the server&apos;s certificate has CHANGED since it was trusted.</source>
        <translation>WARNUNG: Das Zertifikat des Servers hat sich GEÄNDERT, seit ihm vertraut wurde.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted:</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut:</translation>
    </message>
    <message>
        <source>Trusted fingerprint:</source>
        <translation>Vertrauenswürdiger Fingerabdruck:</translation>
    </message>
    <message>
        <source>If you have checked this fingerprint with your provider, run again with --fingerprint %1</source>
        <translation>Wenn Sie diesen Fingerabdruck bei Ihrem Anbieter überprüft haben, führen Sie den Befehl erneut aus mit --fingerprint %1</translation>
    </message>
    <message>
        <source>Shows what a POP3 server offers and, with --user, tests a login.</source>
        <translation>Zeigt, was ein POP3-Server anbietet, und testet mit --user eine Anmeldung.</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>Der Befehl.</translation>
    </message>
    <message>
        <source>Server host name or address.</source>
        <translation>Hostname oder Adresse des Servers.</translation>
    </message>
    <message>
        <source>Server port (default: 995 for tls, 110 otherwise).</source>
        <translation>Port des Servers (Standard: 995 bei tls, sonst 110).</translation>
    </message>
    <message>
        <source>tls (default), starttls or none.</source>
        <translation>tls (Standard), starttls oder none.</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation>Zusätzlich den CA-Zertifikaten in dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <source>Trust the server certificate with this SHA-256 fingerprint.</source>
        <translation>Dem Serverzertifikat mit diesem SHA-256-Fingerabdruck vertrauen.</translation>
    </message>
    <message>
        <source>Log in as this user.</source>
        <translation>Als dieser Benutzer anmelden.</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Passwort aus der ersten Zeile der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>Authentication mechanism: auto (default) or e.g. SCRAM-SHA-256, PLAIN, USER.</source>
        <translation>Authentifizierungsverfahren: auto (Standard) oder z. B. SCRAM-SHA-256, PLAIN, USER.</translation>
    </message>
    <message>
        <source>Seconds to wait for the server (default 30).</source>
        <translation>Wartezeit auf den Server in Sekunden (Standard: 30).</translation>
    </message>
    <message>
        <source>See: poplar-cli probe --help</source>
        <translation>Siehe: poplar-cli probe --help</translation>
    </message>
    <message>
        <source>--host is required.</source>
        <translation>--host ist erforderlich.</translation>
    </message>
    <message>
        <source>--security must be tls, starttls or none.</source>
        <translation>--security muss tls, starttls oder none sein.</translation>
    </message>
    <message>
        <source>--port must be a number from 1 to 65535.</source>
        <translation>--port muss eine Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds from 1 to 3600.</source>
        <translation>--timeout muss eine Anzahl Sekunden von 1 bis 3600 sein.</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>Aus %1 konnte kein PEM-Zertifikat gelesen werden.</translation>
    </message>
    <message>
        <source>--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation>--fingerprint muss ein SHA-256-Fingerabdruck sein (64 Hexadezimalziffern, Doppelpunkte erlaubt).</translation>
    </message>
    <message>
        <source>Unknown authentication mechanism: %1</source>
        <translation>Unbekanntes Authentifizierungsverfahren: %1</translation>
    </message>
    <message>
        <source>--password-stdin needs --user.</source>
        <translation>--password-stdin erfordert --user.</translation>
    </message>
    <message>
        <source>Password for %1@%2: </source>
        <translation>Passwort für %1@%2: </translation>
    </message>
    <message>
        <source>No terminal to ask for the password; use --password-stdin.</source>
        <translation>Kein Terminal für die Passwortabfrage vorhanden; verwenden Sie --password-stdin.</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Anmeldung:</translation>
    </message>
    <message>
        <source>Authenticated as %1 with %2</source>
        <translation>Angemeldet als %1 mit %2</translation>
    </message>
    <message numerus="yes">
        <source>Mailbox: %n message(s)</source>
        <translation>
            <numerusform>Postfach: %n Nachricht</numerusform>
            <numerusform>Postfach: %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 octets</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>With --security none and --user: log in although the connection is not encrypted (the password, or what is derived from it, can be read on the way).</source>
        <translation>Mit --security none und --user: anmelden, obwohl die Verbindung nicht verschlüsselt ist (das Passwort oder was daraus abgeleitet wird, ist unterwegs lesbar).</translation>
    </message>
    <message>
        <source>--allow-unencrypted-login goes with --security none and --user.</source>
        <translation>--allow-unencrypted-login gehört zu --security none und --user.</translation>
    </message>
    <message>
        <source>With --security none the connection is not encrypted: the password, or what is derived from it, could be read on the way. Nothing was sent. To log in anyway, add --allow-unencrypted-login; or use --security tls or starttls.</source>
        <translation>Mit --security none ist die Verbindung nicht verschlüsselt: Das Passwort oder was daraus abgeleitet wird, wäre unterwegs lesbar. Es wurde nichts gesendet. Um sich trotzdem anzumelden, fügen Sie --allow-unencrypted-login hinzu; oder verwenden Sie --security tls oder starttls.</translation>
    </message>
    <message>
        <source>No password was typed, so none was sent.</source>
        <translation>Es wurde kein Passwort eingegeben, daher wurde keines gesendet.</translation>
    </message>
    <message>
        <source>If you have checked this fingerprint with your provider, trust it with &quot;poplar-cli account edit --name %1 --smtp-fingerprint %2&quot;.</source>
        <translation>Wenn Sie diesen Fingerabdruck bei Ihrem Anbieter geprüft haben, vertrauen Sie ihm mit „poplar-cli account edit --name %1 --smtp-fingerprint %2“.</translation>
    </message>
</context>
<context>
    <name>SendText</name>
    <message>
        <source>See: poplar-cli %1 --help</source>
        <translation>Siehe: poplar-cli %1 --help</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>being sent</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>may have been sent</source>
        <translation>vielleicht gesendet</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>Password for %1 at %2 (this run only): </source>
        <translation>Passwort für %1 bei %2 (nur für diesen Aufruf): </translation>
    </message>
    <message numerus="yes">
        <source>Sent “%1” to %n recipient(s); a copy is in Sent.</source>
        <translation>
            <numerusform>„%1“ an %n Empfänger gesendet; eine Kopie liegt in „Gesendet“.</numerusform>
            <numerusform>„%1“ an %n Empfänger gesendet; eine Kopie liegt in „Gesendet“.</numerusform>
        </translation>
    </message>
    <message>
        <source>The outgoing server refused “%1”:</source>
        <translation>Der Postausgangsserver hat „%1“ abgelehnt:</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>It stays in the outbox (#%1): &quot;poplar-cli outbox retry %1&quot; sends it again, &quot;poplar-cli outbox remove %1&quot; deletes it.</source>
        <translation>Sie bleibt im Postausgang (#%1): „poplar-cli outbox retry %1“ sendet sie erneut, „poplar-cli outbox remove %1“ löscht sie.</translation>
    </message>
    <message>
        <source>The connection ended after “%1” went out and before the server confirmed it: it may have been sent. Poplar does not send it again by itself. Check with a recipient, then run &quot;poplar-cli outbox resolve %2 --sent&quot; or &quot;… --resend&quot;.</source>
        <translation>Die Verbindung endete, nachdem „%1“ hinausging und bevor der Server es bestätigte: die Nachricht wurde vielleicht gesendet. Poplar sendet sie nicht von selbst erneut. Fragen Sie bei einem Empfänger nach und führen Sie dann „poplar-cli outbox resolve %2 --sent“ oder „… --resend“ aus.</translation>
    </message>
    <message>
        <source>“%1” was not sent now; it waits in the outbox (#%2) and goes out with the next &quot;poplar-cli outbox send&quot; or Poplar&apos;s next check.</source>
        <translation>„%1“ wurde jetzt nicht gesendet; die Nachricht wartet im Postausgang (#%2) und geht mit dem nächsten „poplar-cli outbox send“ oder Poplars nächster Prüfung hinaus.</translation>
    </message>
    <message>
        <source>Next try not before %1.</source>
        <translation>Nächster Versuch nicht vor %1.</translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation>Der Postausgang ist leer.</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>an %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>its account was removed</source>
        <translation>sein Konto wurde entfernt</translation>
    </message>
    <message>
        <source>not before %1</source>
        <translation>nicht vor %1</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>Der Server sagte: %1</translation>
    </message>
    <message>
        <source>--password-stdin needs --account.</source>
        <translation>--password-stdin braucht --account.</translation>
    </message>
    <message>
        <source>No account has an outgoing server.</source>
        <translation>Kein Konto hat einen Postausgangsserver.</translation>
    </message>
    <message>
        <source>Give the message&apos;s number, as &quot;poplar-cli outbox&quot; lists it.</source>
        <translation>Geben Sie die Nummer der Nachricht an, wie „poplar-cli outbox“ sie auflistet.</translation>
    </message>
    <message>
        <source>Give either --sent or --resend.</source>
        <translation>Geben Sie entweder --sent oder --resend an.</translation>
    </message>
    <message>
        <source>Message #%1 is %2, not in doubt.</source>
        <translation>Nachricht #%1 ist „%2“, nicht ungewiss.</translation>
    </message>
    <message>
        <source>“%1” is marked as sent; its copy is in Sent.</source>
        <translation>„%1“ ist als gesendet markiert; die Kopie liegt in „Gesendet“.</translation>
    </message>
    <message>
        <source>“%1” waits to be sent again (with the same Message-ID).</source>
        <translation>„%1“ wartet darauf, erneut gesendet zu werden (mit derselben Message-ID).</translation>
    </message>
    <message>
        <source>Message #%1 is %2; only a refused message is tried again this way.</source>
        <translation>Nachricht #%1 ist „%2“; nur eine abgelehnte Nachricht wird auf diese Weise erneut versucht.</translation>
    </message>
    <message>
        <source>“%1” waits to be sent again.</source>
        <translation>„%1“ wartet darauf, erneut gesendet zu werden.</translation>
    </message>
    <message>
        <source>Message #%1 is %2 and stays in the outbox.</source>
        <translation>Nachricht #%1 ist „%2“ und bleibt im Postausgang.</translation>
    </message>
    <message>
        <source>“%1” was removed from the outbox.</source>
        <translation>„%1“ wurde aus dem Postausgang entfernt.</translation>
    </message>
    <message numerus="yes">
        <source>%1: sent %n message(s)</source>
        <translation>
            <numerusform>%1: %n Nachricht gesendet</numerusform>
            <numerusform>%1: %n Nachrichten gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n to try again later</source>
        <translation>
            <numerusform>, %n später erneut zu versuchen</numerusform>
            <numerusform>, %n später erneut zu versuchen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>, %n abgelehnt</numerusform>
            <numerusform>, %n abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n may have been sent</source>
        <translation>
            <numerusform>, %n vielleicht gesendet</numerusform>
            <numerusform>, %n vielleicht gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>Lists the outbox, sends it, or settles one message in it:
  poplar-cli outbox [--json] [--all]        what waits, what was refused, what may have been sent
  poplar-cli outbox send [--account NAME]   send what is due now
  poplar-cli outbox resolve ID --sent|--resend   a message that may have been sent
  poplar-cli outbox retry ID                 try a refused message again
  poplar-cli outbox remove ID                delete a waiting or refused message</source>
        <translation>Listet den Postausgang auf, sendet ihn oder klärt eine Nachricht darin:
  poplar-cli outbox [--json] [--all]        was wartet, was abgelehnt wurde, was vielleicht gesendet wurde
  poplar-cli outbox send [--account NAME]   senden, was jetzt fällig ist
  poplar-cli outbox resolve ID --sent|--resend   eine Nachricht, die vielleicht gesendet wurde
  poplar-cli outbox retry ID                 eine abgelehnte Nachricht erneut versuchen
  poplar-cli outbox remove ID                eine wartende oder abgelehnte Nachricht löschen</translation>
    </message>
    <message>
        <source>List sent messages too.</source>
        <translation>Auch gesendete Nachrichten auflisten.</translation>
    </message>
    <message>
        <source>send: only this account&apos;s messages (default: every account with an outgoing server).</source>
        <translation>send: nur die Nachrichten dieses Kontos (Standard: jedes Konto mit einem Postausgangsserver).</translation>
    </message>
    <message>
        <source>send: the outgoing server&apos;s password is the first line of standard input (with --account), for this run only.</source>
        <translation>send: das Passwort des Postausgangsservers ist die erste Zeile der Standardeingabe (mit --account), nur für diesen Aufruf.</translation>
    </message>
    <message>
        <source>resolve: it was sent; file it in Sent.</source>
        <translation>resolve: sie wurde gesendet; in „Gesendet“ ablegen.</translation>
    </message>
    <message>
        <source>resolve: it was not sent; send it again.</source>
        <translation>resolve: sie wurde nicht gesendet; erneut senden.</translation>
    </message>
    <message>
        <source>list (default), send, resolve, retry or remove.</source>
        <translation>list (Standard), send, resolve, retry oder remove.</translation>
    </message>
    <message>
        <source>Unexpected arguments: %1</source>
        <translation>Unerwartete Argumente: %1</translation>
    </message>
    <message>
        <source>Unknown outbox command: %1</source>
        <translation>Unbekannter outbox-Befehl: %1</translation>
    </message>
    <message>
        <source>Writes a message and sends it with an account&apos;s outgoing server. It goes through the outbox: when it cannot go now (offline, the server unreachable), it waits there and goes with the next &quot;poplar-cli outbox send&quot; or Poplar&apos;s next check.</source>
        <translation>Schreibt eine Nachricht und sendet sie über den Postausgangsserver eines Kontos. Sie geht durch den Postausgang: kann sie jetzt nicht hinaus (offline, Server nicht erreichbar), wartet sie dort und geht mit dem nächsten „poplar-cli outbox send“ oder Poplars nächster Prüfung hinaus.</translation>
    </message>
    <message>
        <source>The account to send with (required).</source>
        <translation>Das Konto, mit dem gesendet wird (erforderlich).</translation>
    </message>
    <message>
        <source>The sender address (default: the account&apos;s address).</source>
        <translation>Die Absenderadresse (Standard: die Adresse des Kontos).</translation>
    </message>
    <message>
        <source>A recipient (&quot;Name &lt;addr&gt;&quot;, several separated by commas; the option may repeat).</source>
        <translation>Ein Empfänger („Name &lt;adresse&gt;“, mehrere durch Kommas getrennt; die Option darf sich wiederholen).</translation>
    </message>
    <message>
        <source>A copy recipient.</source>
        <translation>Ein Kopie-Empfänger.</translation>
    </message>
    <message>
        <source>A blind copy recipient: in no header that goes out (kept in the Sent copy).</source>
        <translation>Ein Blindkopie-Empfänger: in keiner Kopfzeile, die hinausgeht (in der Kopie in „Gesendet“ festgehalten).</translation>
    </message>
    <message>
        <source>The subject.</source>
        <translation>Der Betreff.</translation>
    </message>
    <message>
        <source>Attach this file (the option may repeat).</source>
        <translation>Diese Datei anhängen (die Option darf sich wiederholen).</translation>
    </message>
    <message>
        <source>The text, in UTF-8 (default: standard input to its end).</source>
        <translation>Der Text, in UTF-8 (Standard: die Standardeingabe bis zu ihrem Ende).</translation>
    </message>
    <message>
        <source>Send this prepared message (RFC 5322) instead: its From, To, Cc and Bcc make the envelope, its Bcc is taken out.</source>
        <translation>Stattdessen diese vorbereitete Nachricht (RFC 5322) senden: ihr From, To, Cc und Bcc bilden den Umschlag, ihr Bcc wird entfernt.</translation>
    </message>
    <message>
        <source>Only put it in the outbox; do not connect now.</source>
        <translation>Nur in den Postausgang legen; jetzt keine Verbindung aufbauen.</translation>
    </message>
    <message>
        <source>The outgoing server&apos;s password is the first line of standard input, for this run only (the text then comes from --body-file, or use --eml).</source>
        <translation>Das Passwort des Postausgangsservers ist die erste Zeile der Standardeingabe, nur für diesen Aufruf (der Text kommt dann aus --body-file, oder verwenden Sie --eml).</translation>
    </message>
    <message>
        <source>--account is required.</source>
        <translation>--account ist erforderlich.</translation>
    </message>
    <message>
        <source>--eml takes the message as it is: --%1 cannot go with it.</source>
        <translation>--eml nimmt die Nachricht, wie sie ist: --%1 geht nicht zusammen damit.</translation>
    </message>
    <message>
        <source>Give at least one recipient (--to, --cc or --bcc).</source>
        <translation>Geben Sie mindestens einen Empfänger an (--to, --cc oder --bcc).</translation>
    </message>
    <message>
        <source>--subject is required (it may be empty: --subject &quot;&quot;).</source>
        <translation>--subject ist erforderlich (er darf leer sein: --subject &quot;&quot;).</translation>
    </message>
    <message>
        <source>With --password-stdin the text comes from --body-file.</source>
        <translation>Mit --password-stdin kommt der Text aus --body-file.</translation>
    </message>
    <message>
        <source>--later does not connect: it needs no password.</source>
        <translation>--later baut keine Verbindung auf: es braucht kein Passwort.</translation>
    </message>
    <message>
        <source>Account %1 has no outgoing server; set one with &quot;poplar-cli account edit --name %1 --smtp-host HOST&quot;.</source>
        <translation>Konto %1 hat keinen Postausgangsserver; richten Sie einen mit „poplar-cli account edit --name %1 --smtp-host HOST“ ein.</translation>
    </message>
    <message>
        <source>Account %1 sends as %2, not %3.</source>
        <translation>Konto %1 sendet als %2, nicht als %3.</translation>
    </message>
    <message>
        <source>Type the text; end it with Ctrl+D on a line of its own.</source>
        <translation>Geben Sie den Text ein; beenden Sie ihn mit Strg+D in einer eigenen Zeile.</translation>
    </message>
    <message>
        <source>The text is not UTF-8.</source>
        <translation>Der Text ist kein UTF-8.</translation>
    </message>
    <message>
        <source>“%1” waits in the outbox (#%2); it goes out with the next &quot;poplar-cli outbox send&quot; or Poplar&apos;s next check.</source>
        <translation>„%1“ wartet im Postausgang (#%2); die Nachricht geht mit dem nächsten „poplar-cli outbox send“ oder Poplars nächster Prüfung hinaus.</translation>
    </message>
    <message numerus="yes">
        <source>%n other waiting message(s) went out too.</source>
        <translation>
            <numerusform>%n weitere wartende Nachricht ging ebenfalls hinaus.</numerusform>
            <numerusform>%n weitere wartende Nachrichten gingen ebenfalls hinaus.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerDescription</name>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>%1, port %2, %3</source>
        <translation>%1, Port %2, %3</translation>
    </message>
    <message>
        <source>The connection is encrypted (%1).</source>
        <translation>Die Verbindung ist verschlüsselt (%1).</translation>
    </message>
    <message>
        <source>The connection is not encrypted: your password and mail could be read on the way.</source>
        <translation>Die Verbindung ist nicht verschlüsselt: Ihr Passwort und Ihre Post könnten unterwegs mitgelesen werden.</translation>
    </message>
    <message>
        <source>The server does not say what it supports; Poplar uses the basic commands only.</source>
        <translation>Der Server gibt nicht an, was er unterstützt; Poplar verwendet nur die Grundbefehle.</translation>
    </message>
    <message>
        <source>Can leave mail on the server and tell messages apart (UIDL).</source>
        <translation>Kann Post auf dem Server belassen und Nachrichten unterscheiden (UIDL).</translation>
    </message>
    <message>
        <source>Cannot tell messages apart (no UIDL): leaving mail on the server needs a fallback.</source>
        <translation>Kann Nachrichten nicht unterscheiden (kein UIDL): Um Post auf dem Server zu belassen, ist ein Ersatzverfahren nötig.</translation>
    </message>
    <message>
        <source>Can send just the beginning of a message (TOP), for large messages.</source>
        <translation>Kann nur den Anfang einer Nachricht senden (TOP), für große Nachrichten.</translation>
    </message>
    <message>
        <source>Can take several requests at once (PIPELINING), for faster downloads.</source>
        <translation>Kann mehrere Anfragen auf einmal annehmen (PIPELINING), für schnelleres Herunterladen.</translation>
    </message>
    <message>
        <source>user name and password (USER)</source>
        <translation>Benutzername und Passwort (USER)</translation>
    </message>
    <message>
        <source>Sign-in methods: none announced.</source>
        <translation>Anmeldemethoden: keine angegeben.</translation>
    </message>
    <message>
        <source>Sign-in methods: %1.</source>
        <translation>Anmeldemethoden: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Allows checking for mail at most every %n minute(s) (LOGIN-DELAY).</source>
        <translation>
            <numerusform>Erlaubt Abrufe nur im Abstand von mindestens %n Minute (LOGIN-DELAY).</numerusform>
            <numerusform>Erlaubt Abrufe nur im Abstand von mindestens %n Minuten (LOGIN-DELAY).</numerusform>
        </translation>
    </message>
    <message>
        <source>Keeps mail until it is deleted (EXPIRE NEVER).</source>
        <translation>Behält Post, bis sie gelöscht wird (EXPIRE NEVER).</translation>
    </message>
    <message>
        <source>Deletes mail as soon as it was downloaded (EXPIRE 0).</source>
        <translation>Löscht Post, sobald sie heruntergeladen wurde (EXPIRE 0).</translation>
    </message>
    <message numerus="yes">
        <source>Deletes mail %n day(s) after it was downloaded (EXPIRE).</source>
        <translation>
            <numerusform>Löscht Post %n Tag nach dem Herunterladen (EXPIRE).</numerusform>
            <numerusform>Löscht Post %n Tage nach dem Herunterladen (EXPIRE).</numerusform>
        </translation>
    </message>
    <message>
        <source>Server software: %1.</source>
        <translation>Serversoftware: %1.</translation>
    </message>
    <message>
        <source>The server does not say what it supports (no EHLO); Poplar cannot sign in to it.</source>
        <translation>Der Server gibt nicht an, was er unterstützt (kein EHLO); Poplar kann sich dort nicht anmelden.</translation>
    </message>
    <message>
        <source>Takes messages of up to %1 (SIZE).</source>
        <translation>Nimmt Nachrichten bis %1 an (SIZE).</translation>
    </message>
    <message>
        <source>Can take several requests at once (PIPELINING), for faster sending.</source>
        <translation>Kann mehrere Anfragen auf einmal annehmen (PIPELINING), für schnelleres Senden.</translation>
    </message>
    <message>
        <source>Takes addresses with non-Latin characters (SMTPUTF8).</source>
        <translation>Nimmt Adressen mit nicht-lateinischen Zeichen an (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server calls itself %1.</source>
        <translation>Der Server nennt sich %1.</translation>
    </message>
    <message>
        <source>not encrypted, your password would be readable</source>
        <translation>nicht verschlüsselt, Ihr Passwort wäre lesbar</translation>
    </message>
    <message>
        <source>outside %1, named only by DNS</source>
        <translation>außerhalb von %1, nur per DNS genannt</translation>
    </message>
    <message>
        <source>certificate not trusted by this computer</source>
        <translation>dieser Computer vertraut dem Zertifikat nicht</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>StoreText</name>
    <message>
        <source>Lists the folders with their message and unread counts.</source>
        <translation>Listet die Ordner mit der Anzahl aller und ungelesener Nachrichten auf.</translation>
    </message>
    <message>
        <source>Lists messages, newest first.</source>
        <translation>Listet Nachrichten auf, neueste zuerst.</translation>
    </message>
    <message>
        <source>The folder, e.g. &quot;Work/Inbox&quot;, &quot;Local/Projects&quot; or &quot;Trash&quot; (default: every folder but Trash).</source>
        <translation>Der Ordner, z. B. &quot;Work/Inbox&quot;, &quot;Local/Projects&quot; oder &quot;Trash&quot; (Standard: alle Ordner außer Trash).</translation>
    </message>
    <message>
        <source>At most N messages (default 50).</source>
        <translation>Höchstens N Nachrichten (Standard: 50).</translation>
    </message>
    <message>
        <source>--limit must be a number from 1 to 1000000.</source>
        <translation>--limit muss eine Zahl von 1 bis 1000000 sein.</translation>
    </message>
    <message>
        <source>Shows a message.</source>
        <translation>Zeigt eine Nachricht an.</translation>
    </message>
    <message>
        <source>The message id (from &apos;list&apos;).</source>
        <translation>Die Nachrichten-ID (aus &apos;list&apos;).</translation>
    </message>
    <message>
        <source>The message exactly as received.</source>
        <translation>Die Nachricht genau so, wie sie empfangen wurde.</translation>
    </message>
    <message>
        <source>The text body (default).</source>
        <translation>Der Textteil (Standard).</translation>
    </message>
    <message>
        <source>The HTML body, as sent.</source>
        <translation>Der HTML-Teil, wie gesendet.</translation>
    </message>
    <message>
        <source>The header block, as sent.</source>
        <translation>Die Kopfzeilen, wie gesendet.</translation>
    </message>
    <message>
        <source>The list of attachments.</source>
        <translation>Die Liste der Anhänge.</translation>
    </message>
    <message>
        <source>Usage: poplar-cli show ID [--raw | --text | --html | --headers | --attachments]</source>
        <translation>Aufruf: poplar-cli show ID [--raw | --text | --html | --headers | --attachments]</translation>
    </message>
    <message>
        <source>Choose one of --raw, --text, --html, --headers, --attachments.</source>
        <translation>Wählen Sie eine der Optionen --raw, --text, --html, --headers, --attachments.</translation>
    </message>
    <message>
        <source>	inline</source>
        <translation>	eingebettet</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Imports mbox files, Maildirs and .eml files into a folder.</source>
        <translation>Importiert mbox-Dateien, Maildirs und .eml-Dateien in einen Ordner.</translation>
    </message>
    <message>
        <source>mbox files, Maildirs, .eml files or directories of .eml files.</source>
        <translation>mbox-Dateien, Maildirs, .eml-Dateien oder Verzeichnisse mit .eml-Dateien.</translation>
    </message>
    <message>
        <source>The folder to import into, e.g. &quot;Local/Archive&quot;.</source>
        <translation>Der Zielordner für den Import, z. B. &quot;Local/Archive&quot;.</translation>
    </message>
    <message>
        <source>Read mbox files as mboxo (only &quot;&gt;From &quot; is unquoted); the default is mboxrd.</source>
        <translation>mbox-Dateien als mboxo lesen (nur bei &quot;&gt;From &quot; wird die Maskierung aufgehoben); Standard ist mboxrd.</translation>
    </message>
    <message>
        <source>Usage: poplar-cli import --folder PATH FILE|DIR…</source>
        <translation>Aufruf: poplar-cli import --folder PATH FILE|DIR…</translation>
    </message>
    <message>
        <source>Skipped %1</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n message(s) imported</source>
        <translation>
            <numerusform>%1: %n Nachricht importiert</numerusform>
            <numerusform>%1: %n Nachrichten importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) imported into %1.</source>
        <translation>
            <numerusform>%n Nachricht in %1 importiert.</numerusform>
            <numerusform>%n Nachrichten in %1 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exports a folder to an mbox file, a Maildir or .eml files.</source>
        <translation>Exportiert einen Ordner in eine mbox-Datei, ein Maildir oder .eml-Dateien.</translation>
    </message>
    <message>
        <source>The folder to export.</source>
        <translation>Der zu exportierende Ordner.</translation>
    </message>
    <message>
        <source>Write an mbox file (mboxrd).</source>
        <translation>Eine mbox-Datei schreiben (mboxrd).</translation>
    </message>
    <message>
        <source>Write a Maildir.</source>
        <translation>Ein Maildir schreiben.</translation>
    </message>
    <message>
        <source>Write one .eml file per message.</source>
        <translation>Eine .eml-Datei pro Nachricht schreiben.</translation>
    </message>
    <message>
        <source>Quote only &quot;From &quot; lines (mboxo).</source>
        <translation>Nur Zeilen mit &quot;From &quot; maskieren (mboxo).</translation>
    </message>
    <message>
        <source>Usage: poplar-cli export --folder PATH (--mbox FILE | --maildir DIR | --eml DIR)</source>
        <translation>Aufruf: poplar-cli export --folder PATH (--mbox FILE | --maildir DIR | --eml DIR)</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported from %1.</source>
        <translation>
            <numerusform>%n Nachricht aus %1 exportiert.</numerusform>
            <numerusform>%n Nachrichten aus %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saves an attachment of a message into a directory.</source>
        <translation>Speichert einen Anhang einer Nachricht in einem Verzeichnis.</translation>
    </message>
    <message>
        <source>The message id.</source>
        <translation>Die Nummer der Nachricht.</translation>
    </message>
    <message>
        <source>The attachment&apos;s number (from &apos;show --attachments&apos;).</source>
        <translation>Die Nummer des Anhangs (aus „show --attachments“).</translation>
    </message>
    <message>
        <source>The directory to save into.</source>
        <translation>Das Verzeichnis, in dem gespeichert wird.</translation>
    </message>
    <message>
        <source>Usage: poplar-cli save-attachment ID N --to DIR</source>
        <translation>Aufruf: poplar-cli save-attachment ID N --to DIR</translation>
    </message>
    <message>
        <source>Checks the store&apos;s integrity.</source>
        <translation>Prüft, ob der Nachrichtenspeicher unbeschädigt ist.</translation>
    </message>
    <message>
        <source>The store is intact.</source>
        <translation>Der Nachrichtenspeicher ist unbeschädigt.</translation>
    </message>
    <message>
        <source>The store is damaged:</source>
        <translation>Der Nachrichtenspeicher ist beschädigt:</translation>
    </message>
    <message>
        <source>Derives every message&apos;s fields again from its stored bytes.</source>
        <translation>Leitet die Felder jeder Nachricht neu aus ihren gespeicherten Bytes ab.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) reindexed.</source>
        <translation>
            <numerusform>%n Nachricht neu indiziert.</numerusform>
            <numerusform>%n Nachrichten neu indiziert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Writes a consistent copy of the store, also while Poplar runs.</source>
        <translation>Schreibt eine in sich stimmige Kopie des Nachrichtenspeichers, auch während Poplar läuft.</translation>
    </message>
    <message>
        <source>The backup file to create.</source>
        <translation>Die anzulegende Sicherungsdatei.</translation>
    </message>
    <message>
        <source>Usage: poplar-cli backup FILE</source>
        <translation>Aufruf: poplar-cli backup FILE</translation>
    </message>
    <message>
        <source>Backup written to %1.</source>
        <translation>Sicherung nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Restores a backup into an empty profile.</source>
        <translation>Stellt eine Sicherung in einem leeren Profil wieder her.</translation>
    </message>
    <message>
        <source>The backup file.</source>
        <translation>Die Sicherungsdatei.</translation>
    </message>
    <message>
        <source>Usage: poplar-cli restore FILE</source>
        <translation>Aufruf: poplar-cli restore FILE</translation>
    </message>
    <message>
        <source>Restored %1 into %2.</source>
        <translation>%1 in %2 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Only messages matching QUERY: words (word* for prefixes, &quot;a phrase&quot;, -word to exclude), from:, to:, cc:, subject:, has:attachment, is:unread, is:read, is:flagged, before:YYYY-MM-DD, after:YYYY-MM-DD, folder:PATH.</source>
        <translation>Nur Nachrichten, die QUERY entsprechen: Wörter (wort* für Wortanfänge, &quot;eine Wortfolge&quot;, -wort zum Ausschließen), from:, to:, cc:, subject:, has:attachment, is:unread, is:read, is:flagged, before:JJJJ-MM-TT, after:JJJJ-MM-TT, folder:PFAD.</translation>
    </message>
    <message numerus="yes">
        <source>%1: the import stopped; %n message(s) had been imported into %2 and stay there.</source>
        <translation>
            <numerusform>%1: Der Import wurde abgebrochen; %n Nachricht war bereits in %2 importiert und bleibt dort.</numerusform>
            <numerusform>%1: Der Import wurde abgebrochen; %n Nachrichten waren bereits in %2 importiert und bleiben dort.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 exists already (a file or a symbolic link); an export never replaces anything. Give the name of a new file.</source>
        <translation>%1 gibt es schon (eine Datei oder ein symbolischer Link); ein Export ersetzt nie etwas. Geben Sie den Namen einer neuen Datei an.</translation>
    </message>
    <message>
        <source>%1 holds a file or symbolic link with the name of a message to export; an export never replaces anything. Export into a new or empty directory.</source>
        <translation>In %1 liegt eine Datei oder ein symbolischer Link mit dem Namen einer zu exportierenden Nachricht; ein Export ersetzt nie etwas. Exportieren Sie in ein neues oder leeres Verzeichnis.</translation>
    </message>
</context>
<context>
    <name>TerminalText</name>
    <message>
        <source>--password-stdin: standard input was empty, so no password was sent. Give the password on the first line of standard input.</source>
        <translation>--password-stdin: Die Standardeingabe war leer, daher wurde kein Passwort gesendet. Geben Sie das Passwort in der ersten Zeile der Standardeingabe an.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Poplar, a POP3 mail client.</source>
        <translation>Poplar, ein POP3-E-Mail-Programm.</translation>
    </message>
    <message>
        <source>Use the profile in DIR (default: $POPLAR_PROFILE, else your data folder).</source>
        <translation>Das Profil in DIR verwenden (Vorgabe: $POPLAR_PROFILE, sonst Ihr Datenordner).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Poplar</source>
        <translation>Poplar</translation>
    </message>
    <message>
        <source>Poplar cannot open your mail store.</source>
        <translation>Poplar kann Ihren Nachrichtenspeicher nicht öffnen.</translation>
    </message>
    <message>
        <source>Poplar is still running</source>
        <translation>Poplar läuft weiter</translation>
    </message>
    <message>
        <source>Poplar keeps getting your mail in the background. Quit it from the tray icon&apos;s menu.</source>
        <translation>Poplar ruft Ihre Post im Hintergrund weiter ab. Beenden Sie es über das Menü des Symbols im Infobereich.</translation>
    </message>
    <message>
        <source>Poplar (demo)</source>
        <translation>Poplar (Demo)</translation>
    </message>
    <message>
        <source>Try Poplar without an account: a local demo server and a throwaway profile, removed when Poplar quits (needs Dovecot: dovecot-pop3d).</source>
        <translation>Poplar ohne eigenes Konto ausprobieren: ein lokaler Demo-Server und ein Wegwerfprofil, die beim Beenden entfernt werden (braucht Dovecot: dovecot-pop3d).</translation>
    </message>
    <message>
        <source>The demo could not start its local mail server. It needs Dovecot (the package dovecot-pop3d).</source>
        <translation>Die Demo konnte ihren lokalen Mailserver nicht starten. Sie braucht Dovecot (das Paket dovecot-pop3d).</translation>
    </message>
</context>
</TS>
