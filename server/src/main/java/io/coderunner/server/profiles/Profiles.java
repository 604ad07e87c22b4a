package io.coderunner.server.profiles;

import io.coderunner.server.accounts.Accounts;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What other modules may ask about profiles: how a user presents themselves to others. */
@Service
public class Profiles {

    private final ProfileRepository profiles;
    private final Accounts accounts;

    Profiles(ProfileRepository profiles, Accounts accounts) {
        this.profiles = profiles;
        this.accounts = accounts;
    }

    /** Empty when there is no such user. The caller decides what to show of a profile that is not public. */
    public Optional<ProfileSummary> summary(long userId) {
        return accounts.find(userId).map(user -> {
            StoredProfile profile = profiles.find(userId);
            return new ProfileSummary(user.id(), user.username(), user.fullName(), profile.bio(), profile.avatarUrl(),
                    profile.profilePublic());
        });
    }
}
