// Package serve serves a curriculum's site from memory while its author edits it: the site
// is rebuilt when a file of the content folder changes, and every open page reloads when the
// rebuild changed it.
//
// The contract:
//
//   - A [Server] holds one build of the site in memory ([Site]) and serves it over HTTP. It never
//     writes to disk, and the built site never carries what serving adds: a script tag
//     ([Inject]) that the server puts into each HTML page as it sends it.
//   - [Server.Build] builds the content folder again, compares every file's bytes with the last
//     good build, swaps the new build in at once, and tells each open page whose bytes changed
//     to reload; a change to any file that is not a page (CSS, scripts, images) reloads every
//     page. A build that fails leaves the last good build served, and every open page shows
//     its errors until a build succeeds.
//   - [Server.BuildChanged] is Build when the watcher knows which files changed: only those are
//     read again. The content folder is read as build reads it, with an adaptation's bases
//     ([Server.Folders]).
//   - A [Watcher] calls back once a burst of changes to the content folder (and to the folders
//     [Watcher.Add] adds: the bases) has settled, with the files changed, ignoring editors'
//     temporary and backup files.
//
// The pages and the server talk over server-sent events at [EventsPath]: "reload" when the
// page changed, "build-error" with the errors of a failed build as JSON, "build-ok" when a
// build succeeds after one that failed.
package serve
