namespace CommPeak.Dialer.Settings;

/// <summary>
/// CommPeak's API field names as its public reference documents them (docs.commpeak.com createuser / updateuser),
/// and the settings that reference names no field for. The create and the update call document different fields.
/// </summary>
internal static class CommPeakWireFields
{
    public const string Id = "id";
    public const string Username = "username";
    public const string Email = "email";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string SipOption = "sip_option";
    public const string SipUri = "sip_uri";
    public const string UseWebRtc = "use_webrtc";
    public const string VirtualExtension = "virtual_extension";
    public const string IsActive = "is_active";
    public const string Roles = "roles";
    public const string SkillGroups = "skill_groups";
    public const string Desks = "desks";
    public const string MemberAllDesks = "member_all_desks";
    public const string UseExtendedIpAcl = "use_extended_ip_acl";
    public const string KerberosUsername = "kerb_username";
    public const string TimeZoneId = "timezone_id";
    public const string DefaultLanguage = "default_language";
    public const string TwoFactorType = "twofa_type";
    public const string MaxSessionTime = "max_session_time";
    public const string MaxConcurrentSessions = "max_concurrent_sessions";

    /// <summary>Flags are typed as strings in CommPeak's reference; these are the texts sent (unconfirmed spelling).</summary>
    public const string True = "1";
    public const string False = "0";

    /// <summary>Every documented name this connector sends, create and update together.</summary>
    public static IReadOnlySet<string> DocumentedNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Id, Username, Email, FirstName, LastName, SipOption, SipUri, UseWebRtc, VirtualExtension, IsActive, Roles, SkillGroups, Desks,
        MemberAllDesks, UseExtendedIpAcl, KerberosUsername, TimeZoneId, DefaultLanguage, TwoFactorType, MaxSessionTime, MaxConcurrentSessions,
        "password", "reset_password", "is_deleted", "user_route_caller_id", "registration_password",
    };

    /// <summary>Fields of the create call (POST /api/users) this connector fills.</summary>
    public static IReadOnlyList<string> CreateFields { get; } =
        [Username, Email, SipOption, SipUri, IsActive, Roles, SkillGroups, Desks, MemberAllDesks, UseExtendedIpAcl, KerberosUsername];

    /// <summary>Fields of the update call (PUT /api/users/) this connector fills; memberships only when configured.</summary>
    public static IReadOnlyList<string> UpdateFields { get; } =
        [Username, Email, FirstName, LastName, SipUri, UseWebRtc, VirtualExtension, IsActive, MemberAllDesks, UseExtendedIpAcl,
            TimeZoneId, DefaultLanguage, TwoFactorType, MaxSessionTime, MaxConcurrentSessions];

    public static IReadOnlyList<string> MembershipFields { get; } = [Roles, SkillGroups, Desks];

    /// <summary>User settings CommPeak's public API names no field for: sent only when mapped in the connector settings.</summary>
    public static IReadOnlyList<string> Undocumented { get; } =
    [
        CommPeakSchema.OauthEmail, CommPeakSchema.CaldavToken, CommPeakSchema.AssignLeads, CommPeakSchema.AllowedIps, CommPeakSchema.AutoDial,
        CommPeakSchema.PersonalPredictiveQueue, CommPeakSchema.PredictiveQueueCallsPerAgent, CommPeakSchema.PredictiveQueueMaxWaitSeconds,
        CommPeakSchema.CallerIdName, CommPeakSchema.CallerIdNumber, CommPeakSchema.TenantSuperuser, CommPeakSchema.Tags, CommPeakSchema.MemberAllTags,
        CommPeakSchema.MemberAllSkillGroups, CommPeakSchema.PbxUsername, CommPeakSchema.PbxPassword, CommPeakSchema.PbxExtension, CommPeakSchema.PbxDynamic,
    ];

    /// <summary>Undocumented settings that are secrets: on the wire when mapped, never in a projection.</summary>
    public static IReadOnlySet<string> Secrets { get; } = new HashSet<string>(StringComparer.Ordinal) { CommPeakSchema.CaldavToken, CommPeakSchema.PbxPassword };
}
