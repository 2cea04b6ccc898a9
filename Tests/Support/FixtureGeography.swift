import Foundation

/// A small geography written for the purpose, in the exact COG 2024 layouts: in 2024
/// Alpha (62001) absorbed Beta (62002); Paris (75056) has two arrondissements; two
/// communes are named Sainte-Marie (62003, 59001).
public enum FixtureGeography {
    public static let communes2024 = """
        TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT
        COM,62001,32,62,62D,621,0,ALPHA,Alpha,Alpha,6201,
        COMD,62001,32,62,62D,621,0,ALPHA,Alpha,Alpha,6201,62001
        COMD,62002,32,62,62D,621,0,BETA,Beta,Beta,6201,62001
        COM,62003,32,62,62D,621,0,SAINTE MARIE,Sainte-Marie,Sainte-Marie,6201,
        COM,59001,32,59,59D,591,0,SAINTE MARIE,Sainte-Marie,Sainte-Marie,5901,
        COM,75056,11,75,75C,751,0,PARIS,Paris,Paris,7501,
        ARM,75101,11,75,75C,751,0,PARIS 1ER ARRONDISSEMENT,Paris 1er Arrondissement,Paris 1er Arrondissement,,75056
        ARM,75102,11,75,75C,751,0,PARIS 2E ARRONDISSEMENT,Paris 2e Arrondissement,Paris 2e Arrondissement,,75056

        """
    public static let mouvements2024 = """
        MOD,DATE_EFF,TYPECOM_AV,COM_AV,TNCC_AV,NCC_AV,NCCENR_AV,LIBELLE_AV,TYPECOM_AP,COM_AP,TNCC_AP,NCC_AP,NCCENR_AP,LIBELLE_AP
        32,2024-01-01,COM,62001,0,ALPHA,Alpha,Alpha,COM,62001,0,ALPHA,Alpha,Alpha
        32,2024-01-01,COM,62001,0,ALPHA,Alpha,Alpha,COMD,62001,0,ALPHA,Alpha,Alpha
        32,2024-01-01,COM,62002,0,BETA,Beta,Beta,COM,62001,0,ALPHA,Alpha,Alpha
        32,2024-01-01,COM,62002,0,BETA,Beta,Beta,COMD,62002,0,BETA,Beta,Beta

        """
    public static let departements = """
        DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE
        59,32,59350,2,NORD,Nord,Nord
        62,32,62041,2,PAS DE CALAIS,Pas-de-Calais,Pas-de-Calais
        75,11,75056,0,PARIS,Paris,Paris

        """
    public static let regions = """
        REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE
        11,75056,1,ILE DE FRANCE,Île-de-France,Île-de-France
        32,59350,4,HAUTS DE FRANCE,Hauts-de-France,Hauts-de-France

        """
}

extension Sandbox {
    /// Writes and ingests the fixture COG 2024 (communes, mouvements, départements, régions).
    public func loadFixtureGeography() throws {
        for (name, content) in [("communes", FixtureGeography.communes2024), ("mouvements", FixtureGeography.mouvements2024),
                                ("departements", FixtureGeography.departements), ("regions", FixtureGeography.regions)] {
            try write("cog/2024/\(name).csv", content)
        }
        _ = try ingest([directory.appendingPathComponent("cog").path])
    }
}
