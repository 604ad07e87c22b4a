package io.coderunner.server.profiles;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploading, replacing, deleting and serving avatars. A new avatar's file is written before the
 * profile names it and the old one is deleted after, so a profile never names a missing file.
 */
@Service
class AvatarService {

    private final ProfileRepository profiles;
    private final AvatarFiles files;
    private final AvatarImages images;
    private final ProfileSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReadWriteLock storing = new ReentrantReadWriteLock();

    AvatarService(ProfileRepository profiles, AvatarFiles files, AvatarImages images, ProfileSettings settings,
                  ApplicationEventPublisher events, Clock clock) {
        this.profiles = profiles;
        this.files = files;
        this.images = images;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the upload as the caller's avatar; returns its URL. */
    String upload(Caller caller, MultipartFile file) {
        if (file == null) {
            throw new BadRequestException("file is required: send the image as multipart/form-data in a part named 'file'");
        }
        if (file.getSize() > settings.maxAvatarBytes()) {
            refused(caller, "too large: " + file.getSize() + " bytes");
            throw new AvatarTooLargeException(file.getSize(), settings);
        }
        if (file.isEmpty()) {
            throw new BadRequestException("file is empty: " + AvatarImages.NOT_AN_IMAGE);
        }
        AvatarImage image;
        try {
            image = images.prepare(file.getBytes());
        } catch (BadRequestException e) {
            refused(caller, e.getMessage());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name;
        StoredProfile old;
        // A new file is named by no profile until it is saved: sweeps wait meanwhile.
        storing.readLock().lock();
        try {
            name = files.save(image);
            old = profiles.find(caller.userId());
            try {
                profiles.save(old.withAvatar(name, clock.millis()));
            } catch (RuntimeException e) {
                files.delete(name);
                throw e;
            }
        } finally {
            storing.readLock().unlock();
        }
        files.delete(old.avatarFilename());
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "upload_avatar", "avatar", name,
                "source=" + image.source() + " uploaded_bytes=" + file.getSize() + " stored_bytes=" + image.bytes().length));
        return AvatarFiles.url(name);
    }

    void delete(Caller caller) {
        StoredProfile profile = profiles.find(caller.userId());
        if (profile.avatarFilename() == null) {
            throw new NotFoundException("you have no avatar to delete");
        }
        profiles.save(profile.withAvatar(null, clock.millis()));
        files.delete(profile.avatarFilename());
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_avatar", "avatar",
                profile.avatarFilename(), null));
    }

    /**
     * Deletes the avatar files no profile names: those of deleted users, whose profiles went with
     * them. Uploads wait while this lists what is named, so a file just stored is not taken for one.
     */
    int removeUnnamed() throws IOException {
        List<String> unnamed;
        storing.writeLock().lock();
        try {
            Set<String> named = profiles.avatarNames();
            unnamed = files.names().stream().filter(name -> !named.contains(name)).toList();
        } finally {
            storing.writeLock().unlock();
        }
        for (String name : unnamed) {
            files.remove(name);
        }
        return unnamed.size();
    }

    /** The file of an avatar some profile shows now; a replaced or deleted one is gone. */
    Optional<Path> find(String name) {
        return files.find(name).filter(file -> profiles.ownerOfAvatar(name).isPresent());
    }

    private void refused(Caller caller, String why) {
        events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), "upload_avatar", "avatar", null, why));
    }
}
