<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cli</name>
    <message>
        <source>Unknown command: %1</source>
        <translation>Unbekannter Befehl: %1</translation>
    </message>
    <message>
        <source>Usage: poplar-cli COMMAND [OPTIONS]

Commands:
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

Run &apos;poplar-cli COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>Aufruf: poplar-cli BEFEHL [OPTIONEN]

Befehle:
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

Mit „poplar-cli BEFEHL --help“ erhalten Sie die Optionen eines Befehls.
</translation>
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
        <source>The connection to the server was lost. Nothing was deleted on the server; Poplar will try again.</source>
        <translation>Die Verbindung zum Server wurde unterbrochen. Auf dem Server wurde nichts gelöscht; Poplar versucht es erneut.</translation>
    </message>
    <message>
        <source>The server did not answer in time. It may be down, or the port may be wrong.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Möglicherweise ist er nicht erreichbar oder der Port ist falsch.</translation>
    </message>
    <message>
        <source>The server stopped answering. Poplar will try again later.</source>
        <translation>Der Server antwortet nicht mehr. Poplar versucht es später erneut.</translation>
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
        <source>The mailbox is in use by another mail program. Poplar will try again shortly.</source>
        <translation>Das Postfach wird gerade von einem anderen E-Mail-Programm verwendet. Poplar versucht es in Kürze erneut.</translation>
    </message>
    <message>
        <source>The server does not allow checking mail this often yet. Poplar will wait and try again.</source>
        <translation>Der Server erlaubt noch keinen so häufigen E-Mail-Abruf. Poplar wartet und versucht es dann erneut.</translation>
    </message>
    <message>
        <source>The server has a temporary problem. Poplar will try again later.</source>
        <translation>Der Server hat ein vorübergehendes Problem. Poplar versucht es später erneut.</translation>
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
        <source>All Inboxes</source>
        <translation>Alle Posteingänge</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
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
        <source>No accounts yet.</source>
        <translation>Noch keine Konten vorhanden.</translation>
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
        <source>No password on standard input.</source>
        <translation>Kein Passwort in der Standardeingabe.</translation>
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
</context>
<context>
    <name>StoreText</name>
    <message>
        <source>Use the profile in DIR.</source>
        <translation>Das Profil in DIR verwenden.</translation>
    </message>
    <message>
        <source>Print JSON (see README: JSON output).</source>
        <translation>JSON ausgeben (siehe README: JSON output).</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>Der Befehl.</translation>
    </message>
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
</context>
<context>
    <name>main</name>
    <message>
        <source>Poplar, a POP3 mail client.</source>
        <translation>Poplar, ein POP3-E-Mail-Programm.</translation>
    </message>
</context>
</TS>
