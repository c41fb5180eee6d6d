import Testing

@testable import TCPStepCore

/// The state machine by state, as smoltcp tests `tcp.rs`: a connection already in a state (a
/// fixture), one segment or one user call, and the exact actions and next state. The client
/// (port 5000, ISS 100) talks to the server (port 80, ISS 300) under the rfc9293 profile, with
/// 2MSL = 60 s, at time 10 s. Not through the scenario parser or the simulation.
@Suite("State machine, state by state")
struct StateMachineByStateTests {
    static let config = ConnectionConfig(profile: .rfc9293, timeWaitDuration: .seconds(60))
    static let now: Micros = .seconds(10)
    static let rto: Micros = .seconds(1)

    /// A segment from the peer (server:80 → client:5000).
    static func peer(_ flags: TCPFlags, seq: UInt32, ack: UInt32 = 0, len: Int = 0) -> Segment {
        Segment(sourcePort: 80, destinationPort: 5000, seq: SeqNum(seq), ack: SeqNum(ack), flags: flags, payloadLength: len)
    }

    /// A segment from us (client:5000 → server:80), as the connection writes it.
    static func ours(_ flags: TCPFlags, seq: UInt32, ack: UInt32 = 0, len: Int = 0, window: UInt16 = 65535) -> ConnectionAction {
        .send(Segment(sourcePort: 5000, destinationPort: 80, seq: SeqNum(seq), ack: SeqNum(ack), flags: flags,
                      payloadLength: len, window: window), isRetransmission: false)
    }

    // MARK: - Fixtures: one connection per state, reached by its own transitions at time 0

    static func synSent() -> Connection {
        var actions: [ConnectionAction] = []
        return Connection.activeOpen(id: ConnectionID(1), host: .client, ports: PortPair(local: 5000, remote: 80),
                                     iss: SeqNum(100), now: 0, config: config, &actions)
    }

    /// Passive: a listener on 5000 accepted the peer's SYN (seq 300).
    static func synReceived() -> Connection {
        var actions: [ConnectionAction] = []
        return Connection.acceptSYN(peer(.syn, seq: 300), id: ConnectionID(1), host: .client, iss: SeqNum(100), now: 0,
                                    config: config, &actions)
    }

    static func established() -> Connection { feed(synSent(), peer([.syn, .ack], seq: 300, ack: 101)) }
    static func finWait1() -> Connection { call(established()) { $0.close(now: 0, config: config, &$1) } }
    static func finWait2() -> Connection { feed(finWait1(), peer(.ack, seq: 301, ack: 102)) }
    static func closing() -> Connection { feed(finWait1(), peer([.fin, .ack], seq: 301, ack: 101)) }
    static func timeWait() -> Connection { feed(finWait2(), peer([.fin, .ack], seq: 301, ack: 102)) }
    static func closeWait() -> Connection { feed(established(), peer([.fin, .ack], seq: 301, ack: 101)) }
    static func lastAck() -> Connection { call(closeWait()) { $0.close(now: 0, config: config, &$1) } }

    static func feed(_ connection: Connection, _ segment: Segment, at time: Micros = 0) -> Connection {
        var connection = connection
        var actions: [ConnectionAction] = []
        connection.segmentArrives(segment, now: time, config: config, &actions)
        return connection
    }

    static func call(_ connection: Connection, _ body: (inout Connection, inout [ConnectionAction]) -> Result<Void, UserCallError>) -> Connection {
        var connection = connection
        var actions: [ConnectionAction] = []
        _ = body(&connection, &actions)
        return connection
    }

    /// One segment arrives at `now`: the actions it causes.
    static func arrive(_ connection: inout Connection, _ segment: Segment) -> [ConnectionAction] {
        var actions: [ConnectionAction] = []
        connection.segmentArrives(segment, now: now, config: config, &actions)
        return actions
    }

    @Test("The fixtures are in the states they are named after")
    func fixtures() {
        #expect([Self.synSent(), Self.synReceived(), Self.established(), Self.finWait1(), Self.finWait2(), Self.closing(),
                  Self.timeWait(), Self.closeWait(), Self.lastAck()].map(\.state) == [.synSent, .synReceived, .established, .finWait1, .finWait2, .closing, .timeWait, .closeWait, .lastAck])
        #expect(Self.established().sndNxt == SeqNum(101) && Self.established().rcvNxt == SeqNum(301))
        #expect(Self.finWait1().finSeq == SeqNum(101))
    }

    // MARK: - SYN_SENT (RFC 9293 §3.10.7.3)

    @Test func synSentBadAckIsAnsweredWithRSTAtSegAck() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer([.syn, .ack], seq: 90, ack: 91)) == [
            Self.ours(.rst, seq: 91, window: 0), .reject(.unacceptableAck),
        ])
        #expect(c.state == .synSent)
    }

    @Test func synSentBadAckOnARSTIsDroppedSilently() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer([.rst, .ack], seq: 0, ack: 500)) == [.reject(.unacceptableAck)])
        #expect(c.state == .synSent)
    }

    @Test func synSentRSTWithoutAckIsIgnored() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 0)) == [.reject(.rstWithoutAcceptableAck)])
        #expect(c.state == .synSent)
    }

    @Test func synSentRSTWithAcceptableAckIsConnectionRefused() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer([.rst, .ack], seq: 0, ack: 101)) == [
            .cancelTimer(.retransmission), .signal(.connectionRefused),
            .stateChange(from: .synSent, to: .closed, cause: .receivedRst), .delete,
        ])
        #expect(c.state == .closed)
    }

    @Test func synSentSegmentWithNeitherSynNorRSTIsDropped() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 300, ack: 101)) == [.reject(.noSynOrRst)])
        #expect(c.state == .synSent)
    }

    @Test func synSentSynAckEstablishesAndAcks() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer([.syn, .ack], seq: 300, ack: 101)) == [
            .cancelTimer(.retransmission),
            .stateChange(from: .synSent, to: .established, cause: .receivedSynAck), .signal(.established),
            Self.ours(.ack, seq: 101, ack: 301),
        ])
        #expect(c.state == .established && c.irs == SeqNum(300) && c.rcvNxt == SeqNum(301) && c.sndUna == SeqNum(101))
    }

    @Test func synSentBareSynIsASimultaneousOpen() {
        var c = Self.synSent()
        #expect(Self.arrive(&c, Self.peer(.syn, seq: 300)) == [
            .stateChange(from: .synSent, to: .synReceived, cause: .simultaneousOpen),
            Self.ours([.syn, .ack], seq: 100, ack: 301),
            .setTimer(.retransmission, deadline: Self.now + Self.rto, attempt: 0),
        ])
        #expect(c.state == .synReceived && !c.openedPassively)
    }

    // MARK: - SYN_RECEIVED

    @Test func synReceivedAckOfSynEstablishes() {
        var c = Self.synReceived()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 301, ack: 101)) == [
            .cancelTimer(.retransmission),
            .stateChange(from: .synReceived, to: .established, cause: .receivedAckOfSyn), .signal(.established),
        ])
        #expect(c.state == .established)
    }

    @Test func synReceivedUnacceptableAckGetsRST() {
        var c = Self.synReceived()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 301, ack: 500)) == [Self.ours(.rst, seq: 500, window: 0), .reject(.unacceptableAck)])
        #expect(c.state == .synReceived)
    }

    @Test func synReceivedRSTReturnsAPassiveOpenToListen() {
        var c = Self.synReceived()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 301)) == [
            .cancelTimer(.retransmission), .stateChange(from: .synReceived, to: .listen, cause: .returnToListen), .delete,
        ])
    }

    @Test func synReceivedSynReturnsAPassiveOpenToListen() {
        var c = Self.synReceived()
        #expect(Self.arrive(&c, Self.peer(.syn, seq: 301)) == [
            .cancelTimer(.retransmission), .stateChange(from: .synReceived, to: .listen, cause: .returnToListen), .delete,
        ])
    }

    // MARK: - ESTABLISHED

    @Test func establishedUnacceptableSequenceGetsAnAck() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 100_000, ack: 101, len: 10)) == [
            Self.ours(.ack, seq: 101, ack: 301), .reject(.unacceptableSequence),
        ])
        #expect(c.state == .established)
    }

    @Test func establishedRSTOutsideTheWindowIsDropped() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 100_000)) == [.reject(.rstOutOfWindow)])
    }

    @Test func establishedRSTInTheWindowButNotExactGetsAChallengeAck() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 400)) == [Self.ours(.ack, seq: 101, ack: 301), .reject(.rstNotExact)])
        #expect(c.state == .established)
    }

    @Test func establishedExactRSTResets() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 301)) == [
            .signal(.connectionReset), .stateChange(from: .established, to: .closed, cause: .receivedRst), .delete,
        ])
    }

    @Test func establishedSynGetsAChallengeAck() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.syn, seq: 301)) == [Self.ours(.ack, seq: 101, ack: 301), .reject(.synInSynchronizedState)])
        #expect(c.state == .established)
    }

    @Test func establishedSegmentWithoutAckIsDropped() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer([], seq: 301, len: 10)) == [.reject(.noAckBit)])
    }

    @Test func establishedAckOfUnsentDataGetsAChallengeAck() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 301, ack: 900)) == [Self.ours(.ack, seq: 101, ack: 301), .reject(.ackOfUnsentData)])
    }

    @Test func establishedInOrderDataIsDeliveredAndAcked() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 301, ack: 101, len: 100)) == [
            .signal(.dataDelivered), Self.ours(.ack, seq: 101, ack: 401),
        ])
        #expect(c.rcvNxt == SeqNum(401))
    }

    @Test func establishedOutOfOrderDataWaitsAndGetsADuplicateAck() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 401, ack: 101, len: 100)) == [Self.ours(.ack, seq: 101, ack: 301)])
        #expect(c.rcvNxt == SeqNum(301))
    }

    @Test func establishedFinMovesToCloseWait() {
        var c = Self.established()
        #expect(Self.arrive(&c, Self.peer([.fin, .ack], seq: 301, ack: 101)) == [
            .signal(.connectionClosing), .stateChange(from: .established, to: .closeWait, cause: .receivedFin),
            Self.ours(.ack, seq: 101, ack: 302),
        ])
    }

    // MARK: - FIN_WAIT_1, FIN_WAIT_2, CLOSING

    @Test func finWait1AckOfFinMovesToFinWait2() {
        var c = Self.finWait1()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 301, ack: 102)) == [
            .cancelTimer(.retransmission), .stateChange(from: .finWait1, to: .finWait2, cause: .receivedAckOfFin),
        ])
    }

    @Test func finWait1FinWithoutAckOfOursIsASimultaneousClose() {
        var c = Self.finWait1()
        #expect(Self.arrive(&c, Self.peer([.fin, .ack], seq: 301, ack: 101)) == [
            .signal(.connectionClosing), Self.ours(.ack, seq: 102, ack: 302),
            .stateChange(from: .finWait1, to: .closing, cause: .receivedFin),
        ])
    }

    /// The ACK is processed (fifth step) before the FIN (eighth): FIN_WAIT_2 is passed through.
    @Test func finWait1FinThatAcksOursGoesOnToTimeWait() {
        var c = Self.finWait1()
        #expect(Self.arrive(&c, Self.peer([.fin, .ack], seq: 301, ack: 102)) == [
            .cancelTimer(.retransmission), .stateChange(from: .finWait1, to: .finWait2, cause: .receivedAckOfFin),
            .signal(.connectionClosing), Self.ours(.ack, seq: 102, ack: 302),
            .stateChange(from: .finWait2, to: .timeWait, cause: .receivedFin),
            .setTimer(.timeWait, deadline: Self.now + .seconds(60), attempt: 0),
        ])
    }

    @Test func finWait2FinMovesToTimeWait() {
        var c = Self.finWait2()
        #expect(Self.arrive(&c, Self.peer([.fin, .ack], seq: 301, ack: 102)) == [
            .signal(.connectionClosing), Self.ours(.ack, seq: 102, ack: 302),
            .stateChange(from: .finWait2, to: .timeWait, cause: .receivedFin),
            .setTimer(.timeWait, deadline: Self.now + .seconds(60), attempt: 0),
        ])
    }

    @Test func closingAckOfFinMovesToTimeWait() {
        var c = Self.closing()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 302, ack: 102)) == [
            .cancelTimer(.retransmission), .stateChange(from: .closing, to: .timeWait, cause: .receivedAckOfFin),
            .setTimer(.timeWait, deadline: Self.now + .seconds(60), attempt: 0),
        ])
    }

    // MARK: - CLOSE_WAIT, LAST_ACK

    @Test func closeWaitDataAfterTheFinIsADuplicate() {
        var c = Self.closeWait()
        #expect(Self.arrive(&c, Self.peer([.fin, .ack], seq: 301, ack: 101)) == [
            Self.ours(.ack, seq: 101, ack: 302), .reject(.unacceptableSequence),
        ])
        #expect(c.state == .closeWait)
    }

    @Test func lastAckAckOfFinCloses() {
        var c = Self.lastAck()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 302, ack: 102)) == [
            .cancelTimer(.retransmission), .signal(.closed),
            .stateChange(from: .lastAck, to: .closed, cause: .receivedAckOfFin), .delete,
        ])
    }

    @Test func lastAckExactRSTClosesWithoutTellingTheUser() {
        var c = Self.lastAck()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 302)) == [
            .cancelTimer(.retransmission), .stateChange(from: .lastAck, to: .closed, cause: .receivedRst), .delete,
        ])
    }

    // MARK: - TIME_WAIT

    @Test func timeWaitRetransmittedFinIsAckedAndRestarts2MSL() {
        var c = Self.timeWait()
        #expect(Self.arrive(&c, Self.peer([.fin, .ack], seq: 301, ack: 102)) == [
            Self.ours(.ack, seq: 102, ack: 302), .setTimer(.timeWait, deadline: Self.now + .seconds(60), attempt: 0),
            .reject(.duplicate),
        ])
        #expect(c.state == .timeWait)
    }

    @Test func timeWaitBareAckAtTheEdgeIsIgnored() {
        var c = Self.timeWait()
        #expect(Self.arrive(&c, Self.peer(.ack, seq: 302, ack: 102)) == [.reject(.duplicate)])
    }

    @Test func timeWaitExactRSTCloses() {
        var c = Self.timeWait()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 302)) == [
            .cancelTimer(.timeWait), .stateChange(from: .timeWait, to: .closed, cause: .receivedRst), .delete,
        ])
    }

    @Test func timeWaitRSTInTheWindowGetsAChallengeAck() {
        var c = Self.timeWait()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 500)) == [Self.ours(.ack, seq: 102, ack: 302), .reject(.rstNotExact)])
    }

    @Test func timeWaitRSTOutsideTheWindowIsDropped() {
        var c = Self.timeWait()
        #expect(Self.arrive(&c, Self.peer(.rst, seq: 200)) == [.reject(.rstOutOfWindow)])
    }

    @Test func timeWaitNewSynGetsAChallengeAckUnderTheRFC() {
        var c = Self.timeWait()
        #expect(Self.arrive(&c, Self.peer(.syn, seq: 90_000)) == [Self.ours(.ack, seq: 102, ack: 302), .reject(.synInSynchronizedState)])
        #expect(c.state == .timeWait)
    }

    // MARK: - User calls (RFC 9293 §3.10.2–3.10.5)

    static func send(_ connection: inout Connection, _ bytes: Int) -> (Result<Void, UserCallError>, [ConnectionAction]) {
        var actions: [ConnectionAction] = []
        let result = connection.send(bytes: bytes, now: now, config: config, &actions)
        return (result, actions)
    }

    static func close(_ connection: inout Connection) -> (Result<Void, UserCallError>, [ConnectionAction]) {
        var actions: [ConnectionAction] = []
        let result = connection.close(now: now, config: config, &actions)
        return (result, actions)
    }

    static func abort(_ connection: inout Connection) -> (Result<Void, UserCallError>, [ConnectionAction]) {
        var actions: [ConnectionAction] = []
        let result = connection.abort(config: config, &actions)
        return (result, actions)
    }

    static func failure(_ result: Result<Void, UserCallError>) -> UserCallError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    static func succeeded(_ result: Result<Void, UserCallError>) -> Bool {
        if case .success = result { return true }
        return false
    }

    @Test func sendInSynSentIsQueued() {
        var c = Self.synSent()
        let (result, actions) = Self.send(&c, 100)
        #expect(Self.succeeded(result) && actions.isEmpty && c.unsentBytes == 100)
    }

    @Test func sendInEstablishedTransmits() {
        var c = Self.established()
        let (result, actions) = Self.send(&c, 100)
        #expect(Self.succeeded(result))
        #expect(actions == [
            Self.ours([.psh, .ack], seq: 101, ack: 301, len: 100),
            .setTimer(.retransmission, deadline: Self.now + Self.rto, attempt: 0),
        ])
    }

    @Test func sendAfterCloseIsConnectionClosing() {
        var c = Self.finWait1()
        #expect(Self.failure(Self.send(&c, 100).0) == .connectionClosing)
    }

    @Test func closeInSynSentDeletesTheTCBSendingNothing() {
        var c = Self.synSent()
        let (result, actions) = Self.close(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [.cancelTimer(.retransmission), .stateChange(from: .synSent, to: .closed, cause: .userClose), .delete])
    }

    @Test func closeInSynReceivedSendsAFin() {
        var c = Self.synReceived()
        let (result, actions) = Self.close(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [
            .stateChange(from: .synReceived, to: .finWait1, cause: .userClose), Self.ours([.fin, .ack], seq: 101, ack: 301),
        ])
    }

    @Test func closeInEstablishedSendsAFin() {
        var c = Self.established()
        let (result, actions) = Self.close(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [
            .stateChange(from: .established, to: .finWait1, cause: .userClose), Self.ours([.fin, .ack], seq: 101, ack: 301),
            .setTimer(.retransmission, deadline: Self.now + Self.rto, attempt: 0),
        ])
    }

    @Test func closeInCloseWaitSendsAFinAndWaitsInLastAck() {
        var c = Self.closeWait()
        let (result, actions) = Self.close(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [
            .stateChange(from: .closeWait, to: .lastAck, cause: .userClose), Self.ours([.fin, .ack], seq: 101, ack: 302),
            .setTimer(.retransmission, deadline: Self.now + Self.rto, attempt: 0),
        ])
    }

    @Test func closeAgainIsConnectionClosing() {
        var c = Self.finWait2()
        let (result, actions) = Self.close(&c)
        #expect(Self.failure(result) == .connectionClosing && actions.isEmpty)
    }

    @Test func abortInEstablishedSendsRSTAndResets() {
        var c = Self.established()
        let (result, actions) = Self.abort(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [
            Self.ours(.rst, seq: 101), .signal(.connectionReset),
            .stateChange(from: .established, to: .closed, cause: .userAbort), .delete,
        ])
    }

    @Test func abortInSynSentClosesSilently() {
        var c = Self.synSent()
        let (result, actions) = Self.abort(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [.cancelTimer(.retransmission), .stateChange(from: .synSent, to: .closed, cause: .userAbort), .delete])
    }

    @Test func abortInTimeWaitClosesSilently() {
        var c = Self.timeWait()
        let (result, actions) = Self.abort(&c)
        #expect(Self.succeeded(result))
        #expect(actions == [.cancelTimer(.timeWait), .stateChange(from: .timeWait, to: .closed, cause: .userAbort), .delete])
    }
}
