import Mustache

// Each part of a portrait's view gives its fields to the templates by name. Without these,
// swift-mustache finds them through `Mirror`, which was half of the time of writing the 330
// commune portraits of the demo. Every field the view has is here, under its own name.

extension PortraitView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "name": self.name
        case "id": id
        case "code": code
        case "kind": kind
        case "geography": geography
        case "population": population
        case "communes": communes
        case "parents": parents
        case "references": references
        case "specificityReference": specificityReference
        case "highlights": highlights
        case "hasHighlights": hasHighlights
        case "sections": sections
        case "memberHeaders": memberHeaders
        case "members": members
        case "hasMembers": hasMembers
        case "maps": maps
        case "hasMaps": hasMaps
        case "notes": notes
        case "sources": sources
        case "production": production
        case "software": software
        default: nil
        }
    }
}

extension PortraitView.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "marks": marks
        case "breakableText": breakableText
        default: nil
        }
    }
}

extension PortraitView.Line: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "indicator": indicator
        case "label": label
        case "unit": unit
        case "period": period
        case "subject": subject
        case "references": references
        case "evolution": evolution
        case "breakableEvolution": breakableEvolution
        case "rank": rank
        case "specificity": specificity
        case "highlighted": highlighted
        default: nil
        }
    }
}

extension PortraitView.Section: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "anchor": anchor
        case "lines": lines
        case "chart": chart
        default: nil
        }
    }
}

extension PortraitView.Place: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "name": self.name
        case "id": id
        default: nil
        }
    }
}

extension PortraitView.Highlight: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "specificity": specificity
        case "subjectValue": subjectValue
        case "referenceValue": referenceValue
        default: nil
        }
    }
}

extension PortraitView.MemberCell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "sortKey": sortKey
        default: nil
        }
    }
}

extension PortraitView.MemberLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "code": code
        case "cells": cells
        default: nil
        }
    }
}

extension Footnotes.Note: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "mark": mark
        case "text": text
        default: nil
        }
    }
}

extension PortraitView.MapView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "svg": svg
        case "file": file
        default: nil
        }
    }
}
