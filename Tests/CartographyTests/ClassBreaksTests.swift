@testable import Cartography
import Testing

/// Class breaks of a choropleth, on values whose breaks are known by hand.
struct ClassBreaksTests {
    @Test func quantilesGiveClassesOfEqualCounts() {
        let values = (1...100).map(Double.init)
        let bounds = ClassBreaks.quantiles.bounds(of: values, classes: 4)
        #expect(bounds == [1, 25.75, 50.5, 75.25, 100])
        let counts = Dictionary(grouping: values, by: { ClassBreaks.index(of: $0, in: bounds) }).mapValues(\.count)
        #expect(counts == [0: 25, 1: 25, 2: 25, 3: 25])
        #expect(ClassBreaks.index(of: 100, in: bounds) == 3, "the largest value in the last class")
    }

    @Test func jenksFindsTheGroups() {
        // Three groups far apart: the breaks fall between them, where quantiles would not.
        let values: [Double] = [1, 2, 3, 4, 20, 21, 22, 50, 51, 52, 53, 54, 55, 56, 57, 58]
        let bounds = ClassBreaks.jenks.bounds(of: values, classes: 3)
        #expect(bounds == [1, 20, 50, 58])
        #expect(ClassBreaks.quantiles.bounds(of: values, classes: 3) != bounds)
        // Beyond the exact limit, computed on quantiles of the values, still between the groups.
        let groups: [Double] = [10, 100, 1_000]
        let many: [Double] = (0..<3_000).map { index in groups[index % 3] + Double(index) / 10_000 }
        let large = ClassBreaks.jenks.bounds(of: many, classes: 3)
        #expect(large.count == 4)
        #expect(large[1] > 10.3 && large[1] <= 100.3, "the second class starts with the group of 100")
        #expect(large[2] > 100.3 && large[2] <= 1_000.3, "the third with the group of 1,000")
    }

    @Test func fewDistinctValuesMakeFewClasses() {
        #expect(ClassBreaks.quantiles.bounds(of: [5, 5, 5], classes: 5) == [5, 5])
        #expect(ClassBreaks.jenks.bounds(of: [1, 1, 2, 2], classes: 5).count <= 3)
        #expect(ClassBreaks.quantiles.bounds(of: [], classes: 5).isEmpty)
    }

    @Test func palettesHaveOneColourPerClass() {
        for classes in 3...7 {
            #expect(Palette.sequential.colours(classes).count == classes)
            #expect(Set(Palette.diverging.colours(classes)).count == classes)
        }
        #expect(Palette.sequential.colours(9).count == 7, "at most seven classes read apart")
    }
}
