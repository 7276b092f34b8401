package browser

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"curriculum/generator/site"
)

// PrintOptions configure PrintPackets.
type PrintOptions struct {
	// BaseURL is the address the site is published at. A link from a packet to another page
	// of the site becomes a link to that page there; without a base URL it is left out of
	// the PDF, which otherwise would point into the folder the PDF was printed from.
	BaseURL string
	// Date is the creation date the PDFs carry, so that the same site prints the same bytes.
	// The zero Date stands for 1 January 2000.
	Date time.Time
}

// PrintPackets prints each packet of the site built in dir to its PDF (dir/pdf/NAME.pdf).
func PrintPackets(ctx context.Context, b *Browser, dir string, packets []*site.Packet, opts PrintOptions) error {
	date := opts.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	root := FileURL(dir) + "/"
	for _, pk := range packets {
		data, err := b.print(ctx, FileURL(filepath.Join(dir, filepath.FromSlash(pk.Path))), relink(root, opts.BaseURL))
		if err != nil {
			return fmt.Errorf("printing the %s: %w", pk.Title, err)
		}
		out := filepath.Join(dir, filepath.FromSlash(pk.PDF))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, reproducible(data, date), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// relink is the script that readies a page for its PDF: a link within the page stays, a link
// to another page of the site goes to its published address under baseURL, or, with no base
// URL, stops being a link.
func relink(root, baseURL string) string {
	return fmt.Sprintf(`(() => {
  const root = %q, base = %q, here = location.href.split("#")[0];
  for (const a of document.querySelectorAll("a[href]")) {
    const to = a.href;
    if (!to.startsWith(root) || to.split("#")[0] === here) continue;
    if (base) a.href = base + to.slice(root.length);
    else a.removeAttribute("href");
  }
  return true;
})()`, root, baseURL)
}

// reproducible makes a PDF printed by Chromium the same bytes every time the same page is
// printed: the print time becomes t, and the ids Chromium gives the elements of its tagged
// structure (taken from a counter of the page's DOM nodes, which counts differently from one
// run to the next) are renumbered 1, 2, 3… in their order. Every replacement has the length
// of what it replaces, so the offsets of the PDF's cross-reference table stay right.
func reproducible(pdf []byte, t time.Time) []byte {
	return renumberNodeIDs(setPDFDates(pdf, t))
}

// pdfDates matches the dates Chromium writes into a PDF's information: the time it printed.
var pdfDates = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)`)

// nodeIDs matches the ids of structure elements: (node00000102).
var nodeIDs = regexp.MustCompile(`\(node(\d{8})\)`)

// renumberNodeIDs replaces each structure element id by its rank among them, which keeps
// their order, and so the order of the sorted tree that looks them up.
func renumberNodeIDs(pdf []byte) []byte {
	var ids []string
	for _, m := range nodeIDs.FindAllSubmatch(pdf, -1) {
		ids = append(ids, string(m[1]))
	}
	slices.Sort(ids) // eight digits each: text order is number order
	ids = slices.Compact(ids)
	return nodeIDs.ReplaceAllFunc(pdf, func(m []byte) []byte {
		rank, _ := slices.BinarySearch(ids, string(m[5:13]))
		return fmt.Appendf(nil, "(node%08d)", rank+1)
	})
}

// setPDFDates replaces the print time in a PDF by t. The replacement has the same length, so
// the offsets of the PDF's cross-reference table stay right.
func setPDFDates(pdf []byte, t time.Time) []byte {
	d := t.UTC().Format("20060102150405")
	return pdfDates.ReplaceAllFunc(pdf, func(m []byte) []byte {
		name := m[1:bytes.IndexByte(m, ' ')]
		return []byte("/" + string(name) + " (D:" + d + "+00'00')")
	})
}
