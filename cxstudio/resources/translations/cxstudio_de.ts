<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ActionBadges</name>
    <message>
        <source>Actions addressing this card:</source>
        <translation>Maßnahmen zu dieser Karte:</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>fällig %1</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>ohne Verantwortliche</translation>
    </message>
</context>
<context>
    <name>AnalyticsController</name>
    <message>
        <source>This finding has no elements on a map.</source>
        <translation>Zu diesem Befund gibt es keine Elemente auf einer Karte.</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Analyse</translation>
    </message>
</context>
<context>
    <name>AnalyticsPanel</name>
    <message>
        <source>No project is open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n Befund</numerusform>
            <numerusform>%n Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing stands out.</source>
        <translation>Nichts fällt auf.</translation>
    </message>
</context>
<context>
    <name>CanvasMenu</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Ausschneiden</translation>
    </message>
    <message>
        <source>Delete %n cards</source>
        <translation>%n Karten löschen</translation>
    </message>
    <message>
        <source>Delete card</source>
        <translation>Karte löschen</translation>
    </message>
    <message>
        <source>Delete lane</source>
        <translation>Bahn löschen</translation>
    </message>
    <message>
        <source>Delete relation</source>
        <translation>Beziehung löschen</translation>
    </message>
    <message>
        <source>Delete stage</source>
        <translation>Phase löschen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Edit title</source>
        <translation>Titel bearbeiten</translation>
    </message>
    <message>
        <source>Insert lane above</source>
        <translation>Bahn darüber einfügen</translation>
    </message>
    <message>
        <source>Insert lane below</source>
        <translation>Bahn darunter einfügen</translation>
    </message>
    <message>
        <source>Insert stage after</source>
        <translation>Phase danach einfügen</translation>
    </message>
    <message>
        <source>Insert stage before</source>
        <translation>Phase davor einfügen</translation>
    </message>
    <message>
        <source>Kind of relation</source>
        <translation>Art der Beziehung</translation>
    </message>
    <message>
        <source>Moment of truth</source>
        <translation>Moment of Truth</translation>
    </message>
    <message>
        <source>New card here</source>
        <translation>Neue Karte hier</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>Keine Bewertung</translation>
    </message>
    <message>
        <source>Pain point</source>
        <translation>Pain Point</translation>
    </message>
    <message>
        <source>Paste here</source>
        <translation>Hier einfügen</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Zoom to fit</source>
        <translation>An Fenster anpassen</translation>
    </message>
</context>
<context>
    <name>CatalogueDrop</name>
    <message>
        <source>Drop the touchpoint into a cell of the map (below a stage, beside a lane).</source>
        <translation>Legen Sie den Touchpoint in einer Zelle der Map ab (unter einer Phase, neben einer Bahn).</translation>
    </message>
    <message>
        <source>This touchpoint is no longer in the catalogue.</source>
        <translation>Dieser Touchpoint ist nicht mehr im Katalog.</translation>
    </message>
</context>
<context>
    <name>CataloguePanel</name>
    <message>
        <source>Filter touchpoints</source>
        <translation>Touchpoints filtern</translation>
    </message>
    <message>
        <source>Touchpoint</source>
        <translation>Touchpoint</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Karten</translation>
    </message>
    <message>
        <source>Used in</source>
        <translation>Verwendet in</translation>
    </message>
    <message>
        <source>Drag onto a cell of the map to place it</source>
        <translation>Auf eine Zelle der Map ziehen, um ihn zu platzieren</translation>
    </message>
    <message numerus="yes">
        <source>Used in (%n cards): %1</source>
        <translation>
            <numerusform>Verwendet in (%n Karte): %1</numerusform>
            <numerusform>Verwendet in (%n Karten): %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not on any map yet.</source>
        <translation>%1 ist noch auf keiner Map.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>Show this card on its map</source>
        <translation>Diese Karte auf ihrer Map zeigen</translation>
    </message>
</context>
<context>
    <name>CommentList</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>(no author)</source>
        <translation>(ohne Autor)</translation>
    </message>
    <message>
        <source>(unnamed journey)</source>
        <translation>(Journey ohne Namen)</translation>
    </message>
    <message>
        <source>All threads</source>
        <translation>Alle Threads</translation>
    </message>
    <message>
        <source>Comment on %1:</source>
        <translation>Kommentar zu %1:</translation>
    </message>
    <message>
        <source>Comment on the element selected on the map (else the journey).</source>
        <translation>Das auf der Map ausgewählte Element kommentieren (sonst die Journey).</translation>
    </message>
    <message>
        <source>Comments on %1</source>
        <translation>Kommentare zu %1</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Kommentieren…</translation>
    </message>
    <message>
        <source>Every author</source>
        <translation>Alle Autoren</translation>
    </message>
    <message>
        <source>Every journey</source>
        <translation>Alle Journeys</translation>
    </message>
    <message>
        <source>Internal: never in a client copy or report.</source>
        <translation>Intern: nie in einer Kundenkopie oder einem Kundenbericht.</translation>
    </message>
    <message>
        <source>New comment</source>
        <translation>Neuer Kommentar</translation>
    </message>
    <message>
        <source>No comments match the filters.</source>
        <translation>Kein Kommentar passt zu den Filtern.</translation>
    </message>
    <message>
        <source>No comments yet. Select an element on the map and choose Comment….</source>
        <translation>Noch keine Kommentare. Wählen Sie ein Element auf der Map und dann Kommentieren….</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>Kein Projekt ist geöffnet.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Outside the journeys</source>
        <translation>Außerhalb der Journeys</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Reply to %1:</source>
        <translation>Antwort an %1:</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>Antworten…</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Erledigen</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Resolved by %1, %2</source>
        <translation>Erledigt von %1, %2</translation>
    </message>
    <message>
        <source>Select an element on the map to comment on it.</source>
        <translation>Wählen Sie ein Element auf der Map, um es zu kommentieren.</translation>
    </message>
    <message>
        <source>Shared with the client.</source>
        <translation>Mit dem Kunden geteilt.</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>[internal]</source>
        <translation>[intern]</translation>
    </message>
    <message>
        <source>the comment</source>
        <translation>den Kommentar</translation>
    </message>
</context>
<context>
    <name>CommentMarkers</name>
    <message>
        <source>Click to open the thread.</source>
        <translation>Klicken öffnet den Thread.</translation>
    </message>
    <message>
        <source>all resolved</source>
        <translation>alle erledigt</translation>
    </message>
    <message>
        <source>%n comment(s)</source>
        <translation>%n Kommentar|%n Kommentare</translation>
    </message>
    <message>
        <source>%n open thread(s)</source>
        <translation>%n offener Thread|%n offene Threads</translation>
    </message>
</context>
<context>
    <name>CommentsController</name>
    <message>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
</context>
<context>
    <name>CommentsSection</name>
    <message>
        <source>Shared with client</source>
        <translation>Mit Kunden geteilt</translation>
    </message>
    <message>
        <source>New comments are shared with the client (client copies and the client report keep them); untick for an internal remark.</source>
        <translation>Neue Kommentare werden mit dem Kunden geteilt (Kundenkopien und der Kundenbericht behalten sie); für eine interne Anmerkung das Häkchen entfernen.</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>Kommentar hinzufügen</translation>
    </message>
    <message>
        <source>Delete comment</source>
        <translation>Kommentar löschen</translation>
    </message>
    <message>
        <source>%1, %2 (ticked: resolved)</source>
        <translation>%1, %2 (angehakt: erledigt)</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>New comment</source>
        <translation>Neuer Kommentar</translation>
    </message>
</context>
<context>
    <name>CompareCommands</name>
    <message>
        <source>%1 and this project share no recorded version. Choose the file both started from.</source>
        <translation>%1 und dieses Projekt haben keinen gemeinsamen gespeicherten Stand. Wählen Sie die Datei, von der beide ausgingen.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 differences from %2.</source>
        <translation>%1 Unterschiede zu %2.</translation>
    </message>
    <message>
        <source>&amp;Merge Returned File…</source>
        <translation>Zurückgegebene Datei &amp;zusammenführen…</translation>
    </message>
    <message>
        <source>CX Studio</source>
        <translation>CX Studio</translation>
    </message>
    <message>
        <source>Choose the File Both Started From</source>
        <translation>Datei wählen, von der beide ausgingen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Compare &amp;With…</source>
        <translation>&amp;Vergleichen mit…</translation>
    </message>
    <message>
        <source>Compare With</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>Comparing with %1…</source>
        <translation>Vergleich mit %1…</translation>
    </message>
    <message>
        <source>Finding the common ancestor…</source>
        <translation>Gemeinsamer Ausgangsstand wird gesucht…</translation>
    </message>
    <message>
        <source>Merge Returned File</source>
        <translation>Zurückgegebene Datei zusammenführen</translation>
    </message>
    <message>
        <source>Merge refused</source>
        <translation>Zusammenführen abgelehnt</translation>
    </message>
    <message>
        <source>Merged %1 (one undo step).</source>
        <translation>%1 zusammengeführt (ein Rückgängig-Schritt).</translation>
    </message>
    <message>
        <source>Merging %1…</source>
        <translation>%1 wird zusammengeführt…</translation>
    </message>
    <message>
        <source>No differences from %1.</source>
        <translation>Keine Unterschiede zu %1.</translation>
    </message>
    <message>
        <source>Nothing to merge: this project already has every change of %1.</source>
        <translation>Nichts zusammenzuführen: Dieses Projekt hat bereits jede Änderung von %1.</translation>
    </message>
    <message>
        <source>Planning the merge of %1…</source>
        <translation>Zusammenführen von %1 wird geplant…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>The merge was refused: %1</source>
        <translation>Das Zusammenführen wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>the copy handed out on %1</source>
        <translation>die am %1 herausgegebene Kopie</translation>
    </message>
    <message>
        <source>the version the returned file was made from</source>
        <translation>der Stand, aus dem die zurückgegebene Datei entstand</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>%1 added, %2 removed, %3 changed.</source>
        <translation>%1 hinzugefügt, %2 entfernt, %3 geändert.</translation>
    </message>
    <message>
        <source>%1 is not on the map; its changes are listed in the compare view.</source>
        <translation>%1 ist auf keiner Karte zu sehen; die Änderungen stehen in der Vergleichsansicht.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Changes from %1 to this project</source>
        <translation>Änderungen von %1 zu diesem Projekt</translation>
    </message>
    <message>
        <source>Changes from this project to %1</source>
        <translation>Änderungen von diesem Projekt zu %1</translation>
    </message>
    <message>
        <source>Compare the other way round</source>
        <translation>In der umgekehrten Richtung vergleichen</translation>
    </message>
    <message>
        <source>A client copy leaves them out: comparing it with the original would list every internal note and comment.</source>
        <translation>Eine Kundenkopie lässt sie weg: Der Vergleich mit dem Original würde sonst jede interne Notiz und jeden internen Kommentar aufführen.</translation>
    </message>
    <message>
        <source>End compare</source>
        <translation>Vergleich beenden</translation>
    </message>
    <message>
        <source>Hide internal notes and comments</source>
        <translation>Interne Notizen und Kommentare ausblenden</translation>
    </message>
    <message>
        <source>Moved: %1 → %2</source>
        <translation>Verschoben: %1 → %2</translation>
    </message>
    <message>
        <source>Next Change</source>
        <translation>Nächste Änderung</translation>
    </message>
    <message>
        <source>Next change (F8)</source>
        <translation>Nächste Änderung (F8)</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Nächste ▶</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>Keine Unterschiede.</translation>
    </message>
    <message>
        <source>Previous Change</source>
        <translation>Vorherige Änderung</translation>
    </message>
    <message>
        <source>Previous change (Shift+F8)</source>
        <translation>Vorherige Änderung (Umschalt+F8)</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Umkehren</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>picture (%1 bytes)</source>
        <translation>Bild (%1 Byte)</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Vorherige</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>CX Studio ran into a problem</source>
        <translation>CX Studio hat ein Problem festgestellt</translation>
    </message>
    <message>
        <source>An unexpected error occurred inside CX Studio, and the last action may not have been completed.</source>
        <translation>In CX Studio ist ein unerwarteter Fehler aufgetreten; die letzte Aktion wurde vielleicht nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Your work is kept: every change is already in the working copy. If CX Studio closes, it offers this work for recovery at the next start. Saving the project now is a good idea.</source>
        <translation>Ihre Arbeit bleibt erhalten: Jede Änderung steht bereits in der Arbeitskopie. Wird CX Studio beendet, bietet es diese Arbeit beim nächsten Start zur Wiederherstellung an. Speichern Sie das Projekt am besten jetzt.</translation>
    </message>
    <message>
        <source>The details are in the log file %1.</source>
        <translation>Die Einzelheiten stehen in der Protokolldatei %1.</translation>
    </message>
    <message>
        <source>The log file could not be written.</source>
        <translation>Die Protokolldatei konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <source>Copy the technical details for a bug report</source>
        <translation>Die technischen Details für eine Fehlermeldung kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>DeleteQuestion</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete %1 stages and lanes with %2 cards?</source>
        <translation>%1 Phasen und Bahnen mit %2 Karten löschen?</translation>
    </message>
    <message>
        <source>Delete %1 stages and lanes with one card?</source>
        <translation>%1 Phasen und Bahnen mit einer Karte löschen?</translation>
    </message>
    <message>
        <source>Delete the lane “%1” with %2 cards?</source>
        <translation>Die Bahn „%1“ mit %2 Karten löschen?</translation>
    </message>
    <message>
        <source>Delete the lane “%1” with one card?</source>
        <translation>Die Bahn „%1“ mit einer Karte löschen?</translation>
    </message>
    <message>
        <source>Delete the stage “%1” with %2 cards?</source>
        <translation>Die Phase „%1“ mit %2 Karten löschen?</translation>
    </message>
    <message>
        <source>Delete the stage “%1” with one card?</source>
        <translation>Die Phase „%1“ mit einer Karte löschen?</translation>
    </message>
    <message>
        <source>You can undo this with Edit &gt; Undo.</source>
        <translation>Sie können das mit Bearbeiten &gt; Rückgängig zurücknehmen.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Do you want to save the changes to “%1”?</source>
        <translation>Möchten Sie die Änderungen an „%1“ speichern?</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>Ihre Änderungen gehen verloren, wenn Sie sie nicht speichern.</translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message>
        <source>Add a stage and a lane to the journey first.</source>
        <translation>Fügen Sie der Journey zuerst eine Phase und eine Bahn hinzu.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export / Print</source>
        <translation>Exportieren / Drucken</translation>
    </message>
    <message>
        <source>Map size (page follows the map)</source>
        <translation>Kartengröße (Seite folgt der Karte)</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Eigenes Format</translation>
    </message>
    <message>
        <source>Roll {width} mm wide</source>
        <translation>Rolle {width} mm breit</translation>
    </message>
    <message>
        <source>Poster (one page)</source>
        <translation>Poster (eine Seite)</translation>
    </message>
    <message>
        <source>Tiled print (sheets to tape together)</source>
        <translation>Kachelausdruck (Blätter zum Zusammenkleben)</translation>
    </message>
    <message>
        <source>Client report</source>
        <translation>Kundenbericht</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Hochformat</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Querformat</translation>
    </message>
    <message>
        <source>Fit to the paper</source>
        <translation>An das Papier anpassen</translation>
    </message>
    <message>
        <source>Fixed scale</source>
        <translation>Fester Maßstab</translation>
    </message>
    <message>
        <source>Minimum text size</source>
        <translation>Mindestschriftgröße</translation>
    </message>
    <message>
        <source>Highlight the filtered cards (others faded)</source>
        <translation>Gefilterte Karten hervorheben (andere blass)</translation>
    </message>
    <message>
        <source>The cards the map&apos;s filter leaves out print faded, as on the map</source>
        <translation>Karten, die der aktive Filter nicht erfasst, werden wie auf der Karte blass gedruckt</translation>
    </message>
    <message>
        <source>Persona band</source>
        <translation>Persona-Band</translation>
    </message>
    <message>
        <source>The journey&apos;s persona above the map: picture, quote, goals and frustrations</source>
        <translation>Die Persona der Journey über der Karte: Bild, Zitat, Ziele und Frustrationen</translation>
    </message>
    <message>
        <source>Actions lane</source>
        <translation>Maßnahmen-Bahn</translation>
    </message>
    <message>
        <source>A row below the map listing each stage&apos;s actions</source>
        <translation>Eine Zeile unter der Karte mit den Maßnahmen jeder Phase</translation>
    </message>
    <message>
        <source>&amp;Export:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Journey:</source>
        <translation>&amp;Journey:</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>A&amp;nsicht:</translation>
    </message>
    <message>
        <source>On the map:</source>
        <translation>Auf der Karte:</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Papier:</translation>
    </message>
    <message>
        <source>Custom size:</source>
        <translation>Eigenes Format:</translation>
    </message>
    <message>
        <source>&amp;Orientation:</source>
        <translation>Ausrich&amp;tung:</translation>
    </message>
    <message>
        <source>&amp;Scale:</source>
        <translation>&amp;Maßstab:</translation>
    </message>
    <message>
        <source>&amp;Tile sheets:</source>
        <translation>&amp;Kachelblätter:</translation>
    </message>
    <message>
        <source>O&amp;verlap:</source>
        <translation>Über&amp;lappung:</translation>
    </message>
    <message>
        <source>Report &amp;paper:</source>
        <translation>Berichts&amp;papier:</translation>
    </message>
    <message>
        <source>Tile onto A4 sheets</source>
        <translation>Auf A4-Blätter kacheln</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Als PDF &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Cancel Export</source>
        <translation>Export a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Assembly plan</source>
        <translation>Montageplan</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>The project has no journey to export.</source>
        <translation>Das Projekt enthält keine Customer Journey, die exportiert werden könnte.</translation>
    </message>
    <message>
        <source>The client report: cover, contents, personas, every journey&apos;s map, touchpoints, pain points, insights, actions and metrics. Internal notes are never included.</source>
        <translation>Der Kundenbericht: Titelseite, Inhaltsverzeichnis, Personas, die Karte jeder Journey, Touchpoints, Pain Points, Erkenntnisse, Maßnahmen und Kennzahlen. Interne Notizen erscheinen nie darin.</translation>
    </message>
    <message>
        <source>Every journey of the project on {paper} pages; the page count is known once the report is written.</source>
        <translation>Alle Journeys des Projekts auf {paper}-Seiten; die Seitenzahl steht fest, sobald der Bericht geschrieben ist.</translation>
    </message>
    <message>
        <source>{width} × {height} mm</source>
        <translation>{width} × {height} mm</translation>
    </message>
    <message>
        <source>{pages} pages: the assembly plan and {sheets} {sheet} sheets ({rows} rows × {cols} columns, {empty} empty sheets skipped). Poster {size} at {scale} %; card text prints at {text} pt.</source>
        <translation>{pages} Seiten: der Montageplan und {sheets} Blätter {sheet} ({rows} Zeilen × {cols} Spalten, {empty} leere Blätter übersprungen). Poster {size} bei {scale} %; Kartentext wird in {text} pt gedruckt.</translation>
    </message>
    <message>
        <source>1 page, {size} ({orientation}) at {scale} %; card text prints at {text} pt.</source>
        <translation>1 Seite, {size} ({orientation}) bei {scale} %; Kartentext wird in {text} pt gedruckt.</translation>
    </message>
    <message>
        <source>{count} cards the map&apos;s filter leaves out print faded.</source>
        <translation>{count} Karten, die der Filter der Karte nicht erfasst, werden blass gedruckt.</translation>
    </message>
    <message>
        <source>Text below {size} pt is hard to read: choose larger paper, a minimum text size or a tiled print.</source>
        <translation>Text unter {size} pt ist schwer lesbar: wählen Sie größeres Papier, eine Mindestschriftgröße oder einen Kachelausdruck.</translation>
    </message>
    <message>
        <source>No preview: the page is too large for a PDF.</source>
        <translation>Keine Vorschau: Die Seite ist für ein PDF zu groß.</translation>
    </message>
    <message>
        <source>The page would be {width} × {height} mm, but a PDF page can be at most 5,080 mm (200 inches) on a side, a limit of the PDF format that most viewers and printers enforce. Print it as tiles on A4 sheets, or choose a smaller scale or paper.</source>
        <translation>Die Seite wäre {width} × {height} mm groß, eine PDF-Seite darf aber je Seite höchstens 5.080 mm (200 Zoll) messen – eine Grenze des PDF-Formats, die die meisten Betrachter und Drucker einhalten. Drucken Sie sie gekachelt auf A4-Blätter oder wählen Sie einen kleineren Maßstab oder ein kleineres Papier.</translation>
    </message>
    <message>
        <source>Scale to {percent} %</source>
        <translation>Auf {percent} % verkleinern</translation>
    </message>
    <message>
        <source>At {scale} % the map needs {need_w} × {need_h} mm, but {paper} has room for only {room_w} × {room_h} mm; choose Fit to the paper, larger paper or a tiled print.</source>
        <translation>Bei {scale} % braucht die Karte {need_w} × {need_h} mm, {paper} bietet aber nur {room_w} × {room_h} mm; wählen Sie „An das Papier anpassen“, ein größeres Papier oder einen Kachelausdruck.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Als PDF speichern</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>{name} wird geschrieben…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Saved {pages} pages to {path}.</source>
        <translation>{pages} Seiten nach {path} gespeichert.</translation>
    </message>
    <message>
        <source>Saved 1 page to {path}.</source>
        <translation>1 Seite nach {path} gespeichert.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>{sheets} sheets in {rows} rows and {cols} columns; trim at the crop marks and overlap neighbours by {overlap} mm.</source>
        <translation>{sheets} Blätter in {rows} Zeilen und {cols} Spalten; an den Schnittmarken beschneiden und Nachbarn um {overlap} mm überlappen.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Wird gedruckt…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>An den Drucker gesendet.</translation>
    </message>
    <message>
        <source>Printing did not start.</source>
        <translation>Der Druck konnte nicht beginnen.</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <source>Exporting</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message>
        <source>&amp;Cancel Export</source>
        <translation>Export a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>The file %1 could not be used (%2).</source>
        <translation>Die Datei %1 konnte nicht verwendet werden (%2).</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Jede Art</translation>
    </message>
    <message>
        <source>Pain points</source>
        <translation>Pain Points</translation>
    </message>
    <message>
        <source>Moments of truth</source>
        <translation>Moments of Truth</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Jeder Kanal</translation>
    </message>
    <message>
        <source>Any department</source>
        <translation>Jede Abteilung</translation>
    </message>
    <message>
        <source>Any persona</source>
        <translation>Jede Persona</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Jedes Schlagwort</translation>
    </message>
    <message>
        <source>Find text…</source>
        <translation>Text suchen …</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Filter aufheben</translation>
    </message>
    <message>
        <source>Show every card undimmed again (Esc on the map)</source>
        <translation>Alle Karten wieder ungedimmt zeigen (Esc auf der Karte)</translation>
    </message>
    <message>
        <source>Ratings 1-10; – for no limit</source>
        <translation>Bewertungen 1-10; – für keine Grenze</translation>
    </message>
    <message>
        <source>Highlight: %1</source>
        <translation>Hervorgehoben: %1</translation>
    </message>
    <message>
        <source>Filter active</source>
        <translation>Filter aktiv</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
</context>
<context>
    <name>ImageExportDialog</name>
    <message>
        <source>Export Image</source>
        <translation>Als Bild exportieren</translation>
    </message>
    <message>
        <source>Persona band</source>
        <translation>Persona-Band</translation>
    </message>
    <message>
        <source>The journey&apos;s persona above the map: picture, quote, goals and frustrations</source>
        <translation>Die Persona der Journey über der Karte: Bild, Zitat, Ziele und Frustrationen</translation>
    </message>
    <message>
        <source>Actions lane</source>
        <translation>Maßnahmen-Bahn</translation>
    </message>
    <message>
        <source>A row below the map listing each stage&apos;s actions</source>
        <translation>Eine Zeile unter der Karte mit den Maßnahmen jeder Phase</translation>
    </message>
    <message>
        <source>PNG image (pixels)</source>
        <translation>PNG-Bild (Pixel)</translation>
    </message>
    <message>
        <source>SVG drawing (vector, text stays text)</source>
        <translation>SVG-Zeichnung (Vektor, Text bleibt Text)</translation>
    </message>
    <message>
        <source>Highlight the filtered cards (others faded)</source>
        <translation>Gefilterte Karten hervorheben (andere blass)</translation>
    </message>
    <message>
        <source>The cards the map&apos;s filter leaves out are drawn faded, as on the map</source>
        <translation>Karten, die der aktive Filter nicht erfasst, werden wie auf der Karte blass gezeichnet</translation>
    </message>
    <message>
        <source>Journey:</source>
        <translation>Journey:</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source>On the map:</source>
        <translation>Auf der Karte:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>&amp;Auflösung:</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>{width} × {height} pixels; 72 dpi is 100 %.</source>
        <translation>{width} × {height} Pixel; 72 dpi entsprechen 100 %.</translation>
    </message>
    <message>
        <source>{width} × {height} points, scalable without loss.</source>
        <translation>{width} × {height} Punkt, verlustfrei skalierbar.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} gespeichert.</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import “%1”</source>
        <translation>Import „%1“</translation>
    </message>
    <message>
        <source>Element or field</source>
        <translation>Element oder Feld</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n element(s) missing from the sheets</source>
        <translation>
            <numerusform>Das %n Element löschen, das in den Tabellen fehlt</numerusform>
            <numerusform>Die %n Elemente löschen, die in den Tabellen fehlen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Problems (%1): nothing can be imported</source>
        <translation>Probleme (%1): es kann nichts importiert werden</translation>
    </message>
    <message>
        <source>Added (%1)</source>
        <translation>Neu (%1)</translation>
    </message>
    <message>
        <source>Changed (%1)</source>
        <translation>Geändert (%1)</translation>
    </message>
    <message>
        <source>Missing from the sheets, kept unless deleted (%1)</source>
        <translation>Fehlen in den Tabellen, bleiben erhalten, wenn nicht gelöscht (%1)</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>(mixed)</source>
        <translation>(gemischt)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>A half-filled box: some of the selected cards have it</source>
        <translation>Halb gefülltes Kästchen: einige der markierten Karten haben es</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message numerus="yes">
        <source>%n cards selected</source>
        <translation>
            <numerusform>%n Karte ausgewählt</numerusform>
            <numerusform>%n Karten ausgewählt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n elements selected</source>
        <translation>
            <numerusform>%n Element ausgewählt</numerusform>
            <numerusform>%n Elemente ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Nichts ausgewählt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>There is no element of that kind to measure yet.</source>
        <translation>Es gibt noch kein Element dieser Art, das gemessen werden könnte.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>“%1” is not a number.</source>
        <translation>„%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Card colour</source>
        <translation>Kartenfarbe</translation>
    </message>
</context>
<context>
    <name>JourneyCanvas</name>
    <message>
        <source>Drop cards into a cell of the map (below a stage, beside a lane).</source>
        <translation>Legen Sie Karten in einer Zelle der Karte ab (unter einer Phase, neben einer Bahn).</translation>
    </message>
    <message>
        <source>Open a journey first.</source>
        <translation>Öffnen Sie zuerst eine Journey.</translation>
    </message>
    <message>
        <source>Select one or more cards to copy.</source>
        <translation>Wählen Sie eine oder mehrere Karten zum Kopieren aus.</translation>
    </message>
    <message>
        <source>Select one or more cards to cut.</source>
        <translation>Wählen Sie eine oder mehrere Karten zum Ausschneiden aus.</translation>
    </message>
    <message>
        <source>Select one or more cards to duplicate.</source>
        <translation>Wählen Sie eine oder mehrere Karten zum Duplizieren aus.</translation>
    </message>
    <message>
        <source>The clipboard holds no cards.</source>
        <translation>Die Zwischenablage enthält keine Karten.</translation>
    </message>
    <message>
        <source>The emotion curve is drawn from the ratings of the cards; rate a card to add a point.</source>
        <translation>Die Emotionskurve entsteht aus den Bewertungen der Karten; bewerten Sie eine Karte, um einen Punkt hinzuzufügen.</translation>
    </message>
    <message>
        <source>The lanes of a swimlane view follow each card&apos;s channel or department; change those in the inspector, or switch to the journey map to arrange lanes.</source>
        <translation>Die Bahnen einer Swimlane-Ansicht ergeben sich aus Kanal oder Abteilung jeder Karte; ändern Sie diese im Eigenschaften-Bereich oder wechseln Sie zur Customer Journey Map, um Bahnen anzuordnen.</translation>
    </message>
    <message>
        <source>The new lane is not part of this view; the journey map shows every lane.</source>
        <translation>Die neue Bahn gehört nicht zu dieser Ansicht; die Customer Journey Map zeigt alle Bahnen.</translation>
    </message>
</context>
<context>
    <name>JourneyTabs</name>
    <message>
        <source>Rename journey</source>
        <translation>Journey umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Delete journey</source>
        <translation>Journey löschen</translation>
    </message>
    <message>
        <source>Delete the journey “%1” with all its stages, lanes and cards? You can undo this.</source>
        <translation>Die Journey „%1“ mit allen Phasen, Bahnen und Karten löschen? Sie können das rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Touchpoint</source>
        <translation>Touchpoint</translation>
    </message>
    <message>
        <source>Thought</source>
        <translation>Gedanke</translation>
    </message>
    <message>
        <source>Feeling</source>
        <translation>Gefühl</translation>
    </message>
    <message>
        <source>Pain point</source>
        <translation>Pain Point</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Chance</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Karten</translation>
    </message>
    <message>
        <source>Emotion curve</source>
        <translation>Emotionskurve</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Abteilungen</translation>
    </message>
    <message>
        <source>Physical evidence</source>
        <translation>Physische Belege</translation>
    </message>
    <message>
        <source>Customer actions</source>
        <translation>Kundenaktionen</translation>
    </message>
    <message>
        <source>Frontstage actions</source>
        <translation>Frontstage-Aktionen</translation>
    </message>
    <message>
        <source>Backstage actions</source>
        <translation>Backstage-Aktionen</translation>
    </message>
    <message>
        <source>Support processes</source>
        <translation>Unterstützungsprozesse</translation>
    </message>
    <message>
        <source>Line of interaction</source>
        <translation>Interaktionslinie</translation>
    </message>
    <message>
        <source>Line of visibility</source>
        <translation>Sichtbarkeitslinie</translation>
    </message>
    <message>
        <source>Line of internal interaction</source>
        <translation>Linie der internen Interaktion</translation>
    </message>
    <message>
        <source>As-is</source>
        <translation>Ist-Zustand</translation>
    </message>
    <message>
        <source>To-be</source>
        <translation>Soll-Zustand</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>Hybrid</translation>
    </message>
    <message>
        <source>leads to</source>
        <translation>führt zu</translation>
    </message>
    <message>
        <source>supported by</source>
        <translation>unterstützt durch</translation>
    </message>
    <message>
        <source>depends on</source>
        <translation>hängt ab von</translation>
    </message>
    <message>
        <source>causes</source>
        <translation>verursacht</translation>
    </message>
    <message>
        <source>relates to</source>
        <translation>bezieht sich auf</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>CES</source>
        <translation>CES</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Journey</source>
        <translation>Journey</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Catalogue touchpoint</source>
        <translation>Katalog-Touchpoint</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Bahn</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Insight</source>
        <translation>Erkenntnis</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Rating (1-10)</source>
        <translation>Bewertung (1-10)</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>Erwartung</translation>
    </message>
    <message>
        <source>Moment of truth</source>
        <translation>Moment of Truth</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Interne Notiz</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Customer expectations</source>
        <translation>Kundenerwartungen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Blueprint line below</source>
        <translation>Blueprint-Linie darunter</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Map language</source>
        <translation>Sprache der Karte</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Icon</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Ansprechpartner(in)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role / segment</source>
        <translation>Rolle / Segment</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Zitat</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Beruf</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Wohnort</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Needs and expectations</source>
        <translation>Bedürfnisse und Erwartungen</translation>
    </message>
    <message>
        <source>Frustrations</source>
        <translation>Frustrationen</translation>
    </message>
    <message>
        <source>Buying behaviour</source>
        <translation>Kaufverhalten</translation>
    </message>
    <message>
        <source>Online affinity (1-5)</source>
        <translation>Online-Affinität (1-5)</translation>
    </message>
    <message>
        <source>Preferred channels</source>
        <translation>Bevorzugte Kanäle</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bezug</translation>
    </message>
    <message>
        <source>Scope element</source>
        <translation>Bezugselement</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>Aktueller Wert</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Best-in-class value</source>
        <translation>Best-in-Class-Wert</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Linked cards</source>
        <translation>Verknüpfte Karten</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Erkenntnisse</translation>
    </message>
    <message>
        <source>Catalogue touchpoints</source>
        <translation>Katalog-Touchpoints</translation>
    </message>
    <message>
        <source>Target metric</source>
        <translation>Zielkennzahl</translation>
    </message>
    <message>
        <source>External reference</source>
        <translation>Externe Referenz</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor(in)</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Intern</translation>
    </message>
    <message>
        <source>The language of the words the map writes itself (card kinds, lane kinds, blueprint lines, the view&apos;s name), on screen and in every PDF; names of new stages and lanes follow it too. Menus, palette and inspector follow the editor&apos;s language (Preferences).</source>
        <translation>Die Sprache der Wörter, die die Karte selbst schreibt (Kartenarten, Bahnarten, Blueprint-Linien, der Name der Ansicht), auf dem Bildschirm und in jedem PDF; auch neue Phasen und Bahnen werden in ihr benannt. Menüs, Palette und Inspektor folgen der Sprache des Editors (Einstellungen).</translation>
    </message>
    <message>
        <source>Journey map</source>
        <translation>Customer Journey Map</translation>
    </message>
    <message>
        <source>Service blueprint</source>
        <translation>Service Blueprint</translation>
    </message>
    <message>
        <source>Swimlanes by channel</source>
        <translation>Swimlanes nach Kanal</translation>
    </message>
    <message>
        <source>Swimlanes by department</source>
        <translation>Swimlanes nach Abteilung</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New journey</source>
        <translation>Neue Journey</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Gliederung</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Export / Print…</source>
        <translation>E&amp;xportieren / Drucken…</translation>
    </message>
    <message>
        <source>Prin&amp;t…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>Export &amp;Image…</source>
        <translation>Als B&amp;ild exportieren…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Ein&amp;fügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Edit &amp;Title</source>
        <translation>&amp;Titel bearbeiten</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>Go to &amp;Map</source>
        <translation>Zur &amp;Journey Map</translation>
    </message>
    <message>
        <source>Go to O&amp;utline</source>
        <translation>Zur &amp;Gliederung</translation>
    </message>
    <message>
        <source>Go to I&amp;nspector</source>
        <translation>Zu den &amp;Eigenschaften</translation>
    </message>
    <message>
        <source>Go to Pa&amp;lette</source>
        <translation>Zur &amp;Palette</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Karte</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>&amp;Phase</translation>
    </message>
    <message>
        <source>&amp;New Journey</source>
        <translation>&amp;Neue Journey</translation>
    </message>
    <message>
        <source>&amp;Rename Journey…</source>
        <translation>Journey &amp;umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Delete Journey</source>
        <translation>Journey &amp;löschen</translation>
    </message>
    <message>
        <source>Move Journey &amp;Left</source>
        <translation>Journey nach &amp;links</translation>
    </message>
    <message>
        <source>Move Journey Ri&amp;ght</source>
        <translation>Journey nach &amp;rechts</translation>
    </message>
    <message>
        <source>&amp;Next Journey</source>
        <translation>&amp;Nächste Journey</translation>
    </message>
    <message>
        <source>Pre&amp;vious Journey</source>
        <translation>&amp;Vorherige Journey</translation>
    </message>
    <message>
        <source>Journey &amp;Properties</source>
        <translation>Journey-&amp;Eigenschaften</translation>
    </message>
    <message>
        <source>Pro&amp;ject Properties</source>
        <translation>Pro&amp;jekteigenschaften</translation>
    </message>
    <message>
        <source>&amp;About CX Studio</source>
        <translation>Ü&amp;ber CX Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Card of &amp;Kind</source>
        <translation>Karte der &amp;Art</translation>
    </message>
    <message>
        <source>&amp;Lane</source>
        <translation>&amp;Bahn</translation>
    </message>
    <message>
        <source>&amp;Journey</source>
        <translation>&amp;Journey</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederherstellen: %1</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>Zoom %1 %</translation>
    </message>
    <message>
        <source>About CX Studio</source>
        <translation>Über CX Studio</translation>
    </message>
    <message>
        <source>CX Studio %1 — an editor for customer journey maps and service blueprints.</source>
        <translation>CX Studio %1 – ein Editor für Customer Journey Maps und Service Blueprints.</translation>
    </message>
</context>
<context>
    <name>MapExtras</name>
    <message>
        <source>&amp;Actions Lane</source>
        <translation>&amp;Maßnahmen-Bahn</translation>
    </message>
    <message>
        <source>&amp;Persona Band</source>
        <translation>&amp;Persona-Band</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Persona &amp;Picture…</source>
        <translation>Persona-&amp;Bild…</translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation>Bild von %1</translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Remove Persona Picture</source>
        <translation>Persona-Bild entfernen</translation>
    </message>
    <message>
        <source>This journey has no persona; choose one in the journey&apos;s properties.</source>
        <translation>Diese Journey hat keine Persona; wählen Sie eine in den Eigenschaften der Journey.</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Import touchpoints from “%1”</source>
        <translation>Touchpoints aus „%1“ importieren</translation>
    </message>
    <message>
        <source>Choose which column holds which field. Catalogue touchpoints are matched by name; with a stage column every row also becomes a touchpoint card in that stage.</source>
        <translation>Wählen Sie, welche Spalte welches Feld enthält. Katalog-Touchpoints werden über den Namen zugeordnet; mit einer Phasen-Spalte wird jede Zeile außerdem zu einer Touchpoint-Karte in dieser Phase.</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Blatt:</translation>
    </message>
    <message>
        <source>Journey for stages:</source>
        <translation>Customer Journey für Phasen:</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>Importiert als</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>%1 added</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <source>%1 of %2 conflicts still to decide.</source>
        <translation>%1 von %2 Konflikten noch zu entscheiden.</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>%1: %2 was changed on both sides.</source>
        <translation>%1: %2 wurde auf beiden Seiten geändert.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Changed in the returned file</source>
        <translation>Geändert in der zurückgegebenen Datei</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Konflikte (%1)</translation>
    </message>
    <message>
        <source>Keep All Mine</source>
        <translation>Alle meine behalten</translation>
    </message>
    <message>
        <source>Keep mine: %1</source>
        <translation>Meine behalten: %1</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Merge “%1”</source>
        <translation>„%1“ zusammenführen</translation>
    </message>
    <message>
        <source>%1 was changed in this project and deleted in the returned file.</source>
        <translation>%1 wurde in diesem Projekt geändert und in der zurückgegebenen Datei gelöscht.</translation>
    </message>
    <message>
        <source>%1 was deleted in this project and changed in the returned file.</source>
        <translation>%1 wurde in diesem Projekt gelöscht und in der zurückgegebenen Datei geändert.</translation>
    </message>
    <message>
        <source>%1: its %2 %3 was deleted in the returned file; this project still uses it.</source>
        <translation>%1: %2 %3 wurde in der zurückgegebenen Datei gelöscht, wird in diesem Projekt aber noch verwendet.</translation>
    </message>
    <message>
        <source>%1: its %2 %3 was deleted in this project; the returned file still uses it.</source>
        <translation>%1: %2 %3 wurde in diesem Projekt gelöscht, wird in der zurückgegebenen Datei aber noch verwendet.</translation>
    </message>
    <message>
        <source>Changed in this project</source>
        <translation>Geändert in diesem Projekt</translation>
    </message>
    <message>
        <source>Merging %1 into this project. The common ancestor is %2. Changes made on one side only are taken; where both sides changed the same thing, choose which to keep.</source>
        <translation>%1 wird in dieses Projekt übernommen. Gemeinsamer Ausgangsstand ist %2. Was nur eine Seite geändert hat, wird übernommen; wo beide Seiten dasselbe geändert haben, wählen Sie, was bleibt.</translation>
    </message>
    <message>
        <source>Merging adds %1, changes %2 and removes %3 elements of this project (one undo step).</source>
        <translation>Das Zusammenführen fügt diesem Projekt %1 Elemente hinzu, ändert %2 und entfernt %3 (ein Rückgängig-Schritt).</translation>
    </message>
    <message>
        <source>No changes on either side.</source>
        <translation>Keine Änderungen auf beiden Seiten.</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>Keine Konflikte.</translation>
    </message>
    <message>
        <source>Take All Theirs</source>
        <translation>Alle ihre übernehmen</translation>
    </message>
    <message>
        <source>Take theirs: %1</source>
        <translation>Ihre übernehmen: %1</translation>
    </message>
    <message>
        <source>delete it</source>
        <translation>löschen</translation>
    </message>
    <message>
        <source>keep %1</source>
        <translation>%1 behalten</translation>
    </message>
    <message>
        <source>keep it, changed</source>
        <translation>behalten, mit den Änderungen</translation>
    </message>
    <message>
        <source>remove this %1 too</source>
        <translation>%1 ebenfalls entfernen</translation>
    </message>
</context>
<context>
    <name>Office</name>
    <message>
        <source>%1 rows written to %2.</source>
        <translation>%1 Zeilen in %2 geschrieben.</translation>
    </message>
    <message>
        <source>%1 slides written to %2.</source>
        <translation>%1 Folien in %2 geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>CX Studio</source>
        <translation>CX Studio</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <source>Export to CS&amp;V…</source>
        <translation>Nach CS&amp;V exportieren…</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Nach CSV exportieren</translation>
    </message>
    <message>
        <source>Export to E&amp;xcel…</source>
        <translation>Nach E&amp;xcel exportieren…</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Nach Excel exportieren</translation>
    </message>
    <message>
        <source>Export to Po&amp;werPoint…</source>
        <translation>Nach Po&amp;werPoint exportieren…</translation>
    </message>
    <message>
        <source>Export to PowerPoint</source>
        <translation>Nach PowerPoint exportieren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>PowerPoint presentations (*.pptx)</source>
        <translation>PowerPoint-Präsentationen (*.pptx)</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>Tabellen (*.xlsx *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>Element</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Bahn</translation>
    </message>
    <message>
        <source>Find in the outline…</source>
        <translation>In der Gliederung suchen…</translation>
    </message>
    <message>
        <source>(stage)</source>
        <translation>(Phase)</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Bahnen</translation>
    </message>
    <message>
        <source>(lane)</source>
        <translation>(Bahn)</translation>
    </message>
</context>
<context>
    <name>PalettePanel</name>
    <message>
        <source>Drag onto the map, or press Enter to insert</source>
        <translation>Auf die Karte ziehen oder mit der Eingabetaste einfügen</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Karten</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Bahnen</translation>
    </message>
</context>
<context>
    <name>PersonaBand</name>
    <message>
        <source>Double-click to edit the persona; double-click the picture to import another.</source>
        <translation>Doppelklick bearbeitet die Persona; Doppelklick auf das Bild importiert ein anderes.</translation>
    </message>
</context>
<context>
    <name>PersonaPicture</name>
    <message>
        <source>The file “%1” cannot be read.</source>
        <translation>Die Datei „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The picture “%1” has %2 MiB; pictures of at most 16 MiB can be imported.</source>
        <translation>Das Bild „%1“ hat %2 MiB; importiert werden können Bilder mit höchstens 16 MiB.</translation>
    </message>
    <message>
        <source>The picture “%1” has too many pixels; use one of at most 100 megapixels.</source>
        <translation>Das Bild „%1“ hat zu viele Pixel; verwenden Sie eines mit höchstens 100 Megapixeln.</translation>
    </message>
    <message>
        <source>“%1” is not a file.</source>
        <translation>„%1“ ist keine Datei.</translation>
    </message>
    <message>
        <source>“%1” is not a picture CX Studio can read (PNG, JPEG, GIF or BMP).</source>
        <translation>„%1“ ist kein Bild, das CX Studio lesen kann (PNG, JPEG, GIF oder BMP).</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Your name on the comments you write</source>
        <translation>Ihr Name an den Kommentaren, die Sie schreiben</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Roll {width} mm wide</source>
        <translation>Rolle {width} mm breit</translation>
    </message>
    <message>
        <source>Millimetres (mm)</source>
        <translation>Millimeter (mm)</translation>
    </message>
    <message>
        <source>Inches (in)</source>
        <translation>Zoll (in)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Save the project&apos;s file every few minutes. Every change is kept in the working copy anyway, so nothing is lost when this is off.</source>
        <translation>Die Projektdatei alle paar Minuten speichern. Jede Änderung steht ohnehin in der Arbeitskopie; ausgeschaltet geht also nichts verloren.</translation>
    </message>
    <message>
        <source>&amp;Author name</source>
        <translation>&amp;Name als Autor</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Default &amp;paper</source>
        <translation>Standard-&amp;Papier</translation>
    </message>
    <message>
        <source>Default &amp;tile sheets</source>
        <translation>Standard-&amp;Kachelblätter</translation>
    </message>
    <message>
        <source>&amp;Units</source>
        <translation>&amp;Einheiten</translation>
    </message>
    <message>
        <source>Auto&amp;save the file every</source>
        <translation>Datei automatisch &amp;speichern alle</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source> (review copy)</source>
        <translation> (Prüfexemplar)</translation>
    </message>
    <message>
        <source>Changes not secured</source>
        <translation>Änderungen nicht gesichert</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>CX Studio projects (*.cxstudio);;All files (*)</source>
        <translation>CX-Studio-Projekte (*.cxstudio);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Autosave did not save the file: %1</source>
        <translation>Das automatische Speichern hat die Datei nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>File changed by another program</source>
        <translation>Datei von einem anderen Programm geändert</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Projekt speichern unter</translation>
    </message>
    <message>
        <source>CX Studio projects (*.cxstudio)</source>
        <translation>CX-Studio-Projekte (*.cxstudio)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>Cannot recover project</source>
        <translation>Projekt kann nicht wiederhergestellt werden</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Read-only: %1. Your changes can be saved with Save As.</source>
        <translation>Schreibgeschützt: %1. Ihre Änderungen können Sie mit „Speichern unter“ sichern.</translation>
    </message>
    <message>
        <source>Review copy: you can comment; the map cannot be changed.</source>
        <translation>Prüfexemplar: Sie können kommentieren; die Karte lässt sich nicht ändern.</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover unsaved work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>never saved</source>
        <translation>nie gespeichert</translation>
    </message>
    <message>
        <source>%1 — last edited %2 (%3)</source>
        <translation>%1 – zuletzt bearbeitet %2 (%3)</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Später entscheiden</translation>
    </message>
    <message>
        <source>CX Studio was not closed properly. This unsaved work can be recovered:</source>
        <translation>CX Studio wurde nicht ordnungsgemäß beendet. Diese ungespeicherte Arbeit kann wiederhergestellt werden:</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>%n shared comment(s) in this project; internal comments never go along.</source>
        <translation>%n geteilter Kommentar in diesem Projekt; interne Kommentare kommen nie mit.|%n geteilte Kommentare in diesem Projekt; interne Kommentare kommen nie mit.</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 gibt es schon. Ersetzen?</translation>
    </message>
    <message>
        <source>A client copy can only be made of a project open for editing.</source>
        <translation>Eine Kundenkopie kann nur von einem zum Bearbeiten geöffneten Projekt erstellt werden.</translation>
    </message>
    <message>
        <source>A client copy leaves out internal notes, internal comments, the undo history and everything deleted. It opens for review: your client can comment but not change the map. Merge the returned file later with File &gt; Merge Returned File….</source>
        <translation>Eine Kundenkopie enthält keine internen Notizen, keine internen Kommentare, keinen Änderungsverlauf und nichts Gelöschtes. Sie öffnet sich zur Durchsicht: Ihr Kunde kann kommentieren, aber die Map nicht ändern. Die zurückgeschickte Datei führen Sie später über das Menü Datei wieder mit dem Projekt zusammen.</translation>
    </message>
    <message>
        <source>CX Studio projects (*.cxstudio)</source>
        <translation>CX-Studio-Projekte (*.cxstudio)</translation>
    </message>
    <message>
        <source>CX Studio projects (*.cxstudio);;All files (*)</source>
        <translation>CX-Studio-Projekte (*.cxstudio);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open for review</source>
        <translation>Öffnen zur Durchsicht nicht möglich</translation>
    </message>
    <message>
        <source>Cannot save client copy</source>
        <translation>Kundenkopie nicht gespeichert</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Client copy saved as %1 with the shared comments; nothing internal went along. Save the project to keep the copy&apos;s base for merging.</source>
        <translation>Kundenkopie als %1 gespeichert, mit den geteilten Kommentaren; nichts Internes ist mitgegangen. Speichern Sie das Projekt, damit die Grundlage der Kopie für das Zusammenführen erhalten bleibt.</translation>
    </message>
    <message>
        <source>Client copy saved as %1 without comments; nothing internal went along. Save the project to keep the copy&apos;s base for merging.</source>
        <translation>Kundenkopie als %1 gespeichert, ohne Kommentare; nichts Internes ist mitgegangen. Speichern Sie das Projekt, damit die Grundlage der Kopie für das Zusammenführen erhalten bleibt.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Keep shared comments</source>
        <translation>Geteilte Kommentare mitgeben</translation>
    </message>
    <message>
        <source>Open a project so that it can only be commented, as a client does.</source>
        <translation>Ein Projekt so öffnen, dass es nur kommentiert werden kann, wie beim Kunden.</translation>
    </message>
    <message>
        <source>Open for &amp;Review…</source>
        <translation>Zur &amp;Durchsicht öffnen…</translation>
    </message>
    <message>
        <source>Open for review</source>
        <translation>Zur Durchsicht öffnen</translation>
    </message>
    <message>
        <source>Save &amp;Client Copy…</source>
        <translation>&amp;Kundenkopie speichern…</translation>
    </message>
    <message>
        <source>Save Client Copy</source>
        <translation>Kundenkopie speichern</translation>
    </message>
    <message>
        <source>Write a copy for a client: without internal notes and comments, opening for review.</source>
        <translation>Eine Kopie für einen Kunden schreiben: ohne interne Notizen und Kommentare, sie öffnet sich zur Durchsicht.</translation>
    </message>
    <message>
        <source>Writing the client copy %1…</source>
        <translation>Kundenkopie %1 wird geschrieben…</translation>
    </message>
    <message>
        <source>client copy</source>
        <translation>Kundenkopie</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome to CX Studio</source>
        <translation>Willkommen bei CX Studio</translation>
    </message>
    <message>
        <source>Map how your customers experience your service: start from a template, explore a worked example, or open a project file.</source>
        <translation>Bilden Sie ab, wie Ihre Kundinnen und Kunden Ihren Service erleben: Beginnen Sie mit einer Vorlage, sehen Sie sich ein ausgearbeitetes Beispiel an oder öffnen Sie eine Projektdatei.</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Empty project</source>
        <translation>Leeres Projekt</translation>
    </message>
    <message>
        <source>Only the project and the standard channels; add journeys yourself.</source>
        <translation>Nur das Projekt und die Standardkanäle; Journeys legen Sie selbst an.</translation>
    </message>
    <message>
        <source>Worked examples</source>
        <translation>Ausgearbeitete Beispiele</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>Noch keine zuletzt geöffneten Projekte.</translation>
    </message>
    <message>
        <source>Open a file…</source>
        <translation>Datei öffnen …</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (nicht gefunden)</translation>
    </message>
</context>
<context>
    <name>TableChoiceDialog</name>
    <message>
        <source>Export to CSV</source>
        <translation>Nach CSV exportieren</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
</context>
<context>
    <name>TemplateChooser</name>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Empty project</source>
        <translation>Leeres Projekt</translation>
    </message>
    <message>
        <source>Only the project and the standard channels; add journeys yourself.</source>
        <translation>Nur das Projekt und die Standardkanäle; Journeys legen Sie selbst an.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Start the new project from:</source>
        <translation>Das neue Projekt beginnen mit:</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
</context>
<context>
    <name>UndoSteps</name>
    <message>
        <source>project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>touchpoint</source>
        <translation>Katalog-Touchpoint</translation>
    </message>
    <message>
        <source>journey</source>
        <translation>Journey</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>lane</source>
        <translation>Bahn</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>insight</source>
        <translation>Erkenntnis</translation>
    </message>
    <message>
        <source>action</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Add %1 “%2”</source>
        <translation>%1 „%2“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit %1: %2</source>
        <translation>%1 bearbeiten: %2</translation>
    </message>
    <message>
        <source>Edit %1 “%2”: %3</source>
        <translation>%1 „%2“ bearbeiten: %3</translation>
    </message>
    <message>
        <source>Edit %1 cards: %2</source>
        <translation>%1 Karten bearbeiten: %2</translation>
    </message>
    <message>
        <source>Edit %1 elements: %2</source>
        <translation>%1 Elemente bearbeiten: %2</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message>
        <source>Rename %1 “%2”</source>
        <translation>%1 „%2“ umbenennen</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Delete %1 “%2”</source>
        <translation>%1 „%2“ löschen</translation>
    </message>
    <message>
        <source>Delete %1 elements</source>
        <translation>%1 Elemente löschen</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 verschieben</translation>
    </message>
    <message>
        <source>Move %1 “%2”</source>
        <translation>%1 „%2“ verschieben</translation>
    </message>
    <message>
        <source>Move %1 cards</source>
        <translation>%1 Karten verschieben</translation>
    </message>
    <message>
        <source>Duplicate card</source>
        <translation>Karte duplizieren</translation>
    </message>
    <message>
        <source>Duplicate card “%1”</source>
        <translation>Karte „%1“ duplizieren</translation>
    </message>
    <message>
        <source>Duplicate %1 cards</source>
        <translation>%1 Karten duplizieren</translation>
    </message>
    <message>
        <source>Paste card</source>
        <translation>Karte einfügen</translation>
    </message>
    <message>
        <source>Paste card “%1”</source>
        <translation>Karte „%1“ einfügen</translation>
    </message>
    <message>
        <source>Paste %1 cards</source>
        <translation>%1 Karten einfügen</translation>
    </message>
    <message>
        <source>Cut card</source>
        <translation>Karte ausschneiden</translation>
    </message>
    <message>
        <source>Cut card “%1”</source>
        <translation>Karte „%1“ ausschneiden</translation>
    </message>
    <message>
        <source>Cut %1 cards</source>
        <translation>%1 Karten ausschneiden</translation>
    </message>
    <message>
        <source>Link (%1)</source>
        <translation>Verknüpfen (%1)</translation>
    </message>
    <message>
        <source>Link “%1” (%2)</source>
        <translation>„%1“ verknüpfen (%2)</translation>
    </message>
    <message>
        <source>Remove relation</source>
        <translation>Beziehung entfernen</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Name project</source>
        <translation>Projekt benennen</translation>
    </message>
    <message>
        <source>Import “%1”</source>
        <translation>Import „%1“</translation>
    </message>
    <message>
        <source>Merge “%1”</source>
        <translation>„%1“ zusammenführen</translation>
    </message>
</context>
<context>
    <name>WorkshopBar</name>
    <message>
        <source>Workshop</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Quick capture: type “Stage: card title” and press Enter</source>
        <translation>Schnellerfassung: „Phase: Kartentitel“ eingeben und Enter drücken</translation>
    </message>
    <message>
        <source>Quick capture</source>
        <translation>Schnellerfassung</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>Timer</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Leave workshop (F11)</source>
        <translation>Workshop verlassen (F11)</translation>
    </message>
</context>
<context>
    <name>WorkshopMode</name>
    <message>
        <source>&amp;Workshop Mode</source>
        <translation>&amp;Workshop-Modus</translation>
    </message>
    <message>
        <source>Full screen, large type, panels hidden, quick capture and a timer</source>
        <translation>Vollbild, große Schrift, ausgeblendete Bereiche, Schnellerfassung und ein Timer</translation>
    </message>
    <message>
        <source>Open a project with a journey first.</source>
        <translation>Öffnen Sie zuerst ein Projekt mit einer Journey.</translation>
    </message>
    <message>
        <source>Type the stage, a colon and the card&apos;s title, e.g. “%1: Calls the hotline”.</source>
        <translation>Geben Sie die Phase, einen Doppelpunkt und den Kartentitel ein, z. B. „%1: Ruft die Hotline an“.</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>This journey has no stage “%1”. Its stages: %2.</source>
        <translation>Diese Journey hat keine Phase „%1“. Ihre Phasen: %2.</translation>
    </message>
    <message>
        <source>Add a lane for cards to the journey first.</source>
        <translation>Fügen Sie der Journey zuerst eine Bahn für Karten hinzu.</translation>
    </message>
    <message>
        <source>Added to “%1”: %2</source>
        <translation>Zu „%1“ hinzugefügt: %2</translation>
    </message>
    <message>
        <source>Select a card to rate it with the keys 1-9 and 0 (= 10).</source>
        <translation>Wählen Sie eine Karte aus, um sie mit den Tasten 1–9 und 0 (= 10) zu bewerten.</translation>
    </message>
    <message>
        <source>Rated %1</source>
        <translation>Bewertet mit %1</translation>
    </message>
</context>
<context>
    <name>WorkshopTimer</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <source>&amp;Action Tracker…</source>
        <translation>&amp;Maßnahmen-Tracker…</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>(ohne Verantwortliche)</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressiert</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Alle Verantwortlichen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>Jedes Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Cards on the maps</source>
        <translation>Karten auf den Maps</translation>
    </message>
    <message>
        <source>Cards: %1</source>
        <translation>Karten: %1</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected rows (%1)</source>
        <translation>Markierte Zeilen löschen (%1)</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Abteilungen</translation>
    </message>
    <message>
        <source>Due within 7 days</source>
        <translation>In den nächsten 7 Tagen fällig</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>Fällig:</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Erkenntnisse</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>More cards in other journeys: %1</source>
        <translation>Weitere Karten in anderen Customer Journeys: %1</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Neue Maßnahme</translation>
    </message>
    <message>
        <source>New channel</source>
        <translation>Neuer Kanal</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>Neue Abteilung</translation>
    </message>
    <message>
        <source>New insight</source>
        <translation>Neue Erkenntnis</translation>
    </message>
    <message>
        <source>New metric</source>
        <translation>Neue Kennzahl</translation>
    </message>
    <message>
        <source>New persona</source>
        <translation>Neue Persona</translation>
    </message>
    <message>
        <source>New touchpoint</source>
        <translation>Neuer Touchpoint</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>Ohne Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>Überfällig: %1</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Verantwortlich:</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Project &amp;Data…</source>
        <translation>Projekt&amp;daten…</translation>
    </message>
    <message>
        <source>Project data</source>
        <translation>Projektdaten</translation>
    </message>
    <message>
        <source>Project data — %1</source>
        <translation>Projektdaten — %1</translation>
    </message>
    <message>
        <source>Rows selected: %1 — an edited cell sets its column in all of them</source>
        <translation>Markierte Zeilen: %1 – eine bearbeitete Zelle setzt ihre Spalte in allen</translation>
    </message>
    <message>
        <source>Select the cards and pain points the selected actions address</source>
        <translation>Die Karten und Pain Points auf der Map auswählen, die die markierten Maßnahmen adressieren</translation>
    </message>
    <message>
        <source>Set “%1” in the selected rows (%2)…</source>
        <translation>„%1“ in den markierten Zeilen setzen (%2)…</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Auf der Map zeigen</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>The selected actions address no cards.</source>
        <translation>Die markierten Maßnahmen adressieren keine Karten.</translation>
    </message>
    <message>
        <source>Touchpoint catalogue</source>
        <translation>Touchpoint-Katalog</translation>
    </message>
    <message>
        <source>insights: %1</source>
        <translation>Erkenntnisse: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>pain points: %1</source>
        <translation>Pain Points: %1</translation>
    </message>
    <message>
        <source>“%1” is not a number.</source>
        <translation>„%1“ ist keine Zahl.</translation>
    </message>
</context>
</TS>
