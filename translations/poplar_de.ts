<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cli</name>
    <message>
        <source>Usage: poplar-cli COMMAND [OPTIONS]

Commands:
  probe     show what a POP3 server offers and test a login

Run &apos;poplar-cli COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>No error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poplar tried to do something at the wrong moment. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was deleted on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poplar could not save mail on this computer (is the disk full?). Nothing was deleted on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name could not be found. Check the server name and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection. Check the server name, the port and the security setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to the server. Check your network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost. Nothing was deleted on the server; Poplar will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. It may be down, or the port may be wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server stopped answering. Poplar will try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy server could not be used. Check the proxy settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure connection could not be set up. The server may not support the chosen security setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so Poplar did not connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you trusted it. This can mean someone is intercepting the connection. Poplar did not connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS, so Poplar did not send your password. Use TLS on port 995 if the server supports it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switching to a secure connection (STARTTLS) failed, so Poplar did not send your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a reply Poplar does not understand. Nothing was deleted on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an overlong reply and Poplar stopped reading. Nothing was deleted on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no sign-in method that Poplar can use with these settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server would receive your password unencrypted, so Poplar did not send it. Use TLS or STARTTLS, or allow insecure connections for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not prove that it knows your password. It may not be the server you think it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox is in use by another mail program. Poplar will try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not allow checking mail this often yet. Poplar will wait and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has a temporary problem. Poplar will try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused access permanently. Contact your mail provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server requires UTF-8 support for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unknown error occurred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server said: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MainWindow</name>
    <message>
        <source>Poplar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Inboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accounts yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Poplar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Poplar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Poplar %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A mail client that brings your POP3 mail home safely and lets you read it offline.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Probe</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 server at %1, port %2 (%3):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS session:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cipher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by its pinned fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the certificate authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the connection is not encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capabilities:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not answer CAPA; RFC 1939 defaults apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (may vary per user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages are deleted once downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Other:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING: the server&apos;s certificate has CHANGED since it was trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you have checked this fingerprint with your provider, run again with --fingerprint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows what a POP3 server offers and, with --user, tests a login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server host name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server port (default: 995 for tls, 110 otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tls (default), starttls or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the server certificate with this SHA-256 fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in as this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication mechanism: auto (default) or e.g. SCRAM-SHA-256, PLAIN, USER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for the server (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See: poplar-cli probe --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--host is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--security must be tls, starttls or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds from 1 to 3600.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown authentication mechanism: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-stdin needs --user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1@%2: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password on standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No terminal to ask for the password; use --password-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticated as %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Mailbox: %n message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 octets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Poplar, a POP3 mail client.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
