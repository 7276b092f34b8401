package site

import (
	"curriculum/generator/internal/htmlexec"
	"curriculum/generator/model"
)

// The methods layouts call on a page and on the model are called without reflect (htmlexec):
// a page's layout calls a few hundred of them, and reflect costs more than most of them do.
// A method missing here is called through reflect, as before, with the same result.
func init() {
	htmlexec.MethodE("Article", (*page).Article)
	htmlexec.Method("Contents", (*page).Contents)
	htmlexec.Method("Copies", (*page).Copies)
	htmlexec.Method1("Current", (*page).Current)
	htmlexec.Method("FooterPages", (*page).FooterPages)
	htmlexec.Method1("HasBody", (*page).HasBody)
	htmlexec.Method2E("Heading", (*page).Heading)
	htmlexec.Method1("Href", (*page).Href)
	htmlexec.Method1("ID", (*page).ID)
	htmlexec.Method1("Local", (*page).Local)
	htmlexec.Method2E("Markdown", (*page).Markdown)
	htmlexec.Method("Needs", (*page).Needs)
	htmlexec.Method("Notes", (*page).Notes)
	htmlexec.Method1("PacketOf", (*page).PacketOf)
	htmlexec.Method("Packets", (*page).Packets)
	htmlexec.Method("PageName", (*page).PageName)
	htmlexec.Method("PartID", (*page).PartID)
	htmlexec.Method("PresentURL", (*page).PresentURL)
	htmlexec.Method("Prints", (*page).Prints)
	htmlexec.Method1("RelativeURL", (*page).RelativeURL)
	htmlexec.Method("Root", (*page).Root)
	htmlexec.MethodE("Script", (*page).Script)
	htmlexec.Method("Trainer", (*page).Trainer)
	htmlexec.Method("Transparencies", (*page).Transparencies)
	htmlexec.Method1("URL", (*page).URL)
	htmlexec.Method("UsedIn", (*page).UsedIn)

	htmlexec.Method("Minutes", (*model.Module).Minutes)
	htmlexec.Method("Name", (*model.Module).Name)
	htmlexec.Method("Objectives", (*model.Module).Objectives)
	htmlexec.Method("ScheduledMinutes", (*model.Module).ScheduledMinutes)
	htmlexec.Method("URL", (*model.Module).URL)
	htmlexec.Method("Anchor", (*model.Competency).Anchor)
	htmlexec.Method("ID", (*model.Competency).ID)
	htmlexec.Method("Anchor", (*model.Objective).Anchor)
	htmlexec.Method("ID", (*model.Objective).ID)
	htmlexec.Method("Anchor", (*model.Activity).Anchor)
	htmlexec.Method("Name", (*model.Activity).Name)
	htmlexec.Method("URL", (*model.Activity).URL)
	htmlexec.Method("Anchor", (*model.Step).Anchor)
	htmlexec.Method("Name", (*model.Step).Name)
	htmlexec.Method("URL", (*model.Step).URL)
	htmlexec.Method("Name", (*model.Handout).Name)
	htmlexec.Method("URL", (*model.Handout).URL)
	htmlexec.Method("Form", (*model.Transparency).Form)
	htmlexec.Method("Name", (*model.Transparency).Name)
	htmlexec.Method("URL", (*model.Transparency).URL)
	htmlexec.Method("Label", (*model.Page).Label)
	htmlexec.Method("URL", (*model.Page).URL)
}
